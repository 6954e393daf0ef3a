package csvio

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"E-mail":             "email",
		" Email_Address ":    "emailaddress",
		"\uFEFFemail":        "email",
		"Credit Limit":       "creditlimit",
		"QTY On-Hand":        "qtyonhand",
		"creditLimit":        "creditlimit",
		"Unit\u00a0Price":    "unitprice",
		"Straße":             "straße",
		"":                   "",
		"PASSWORD":           "password",
		"pass word":          "password",
		"\tcontact_e-mail\t": "contactemail",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDelimiterDetection(t *testing.T) {
	for in, want := range map[string]rune{
		"email,name\n":             ',',
		"email;name;notes\r\n":     ';',
		"email\tname\tnotes\n":     '\t',
		"email\n":                  ',',
		`"a;b;c",name` + "\n":      ',', // quoted ';' does not count
		`"a,b",c;d;e` + "\n":       ';',
		"\n\r\nemail;name\n":       ';', // leading blank lines skipped
		"email,name\nx;y;z;w;v\n":  ',', // only the header line counts
		"a;b,c\n":                  ',', // ties go to ','
		"a\tb;c\n":                 ';',
		"\"multi\nline;\";a;b\n":   ';',
		"email,\"First;Last\",x\n": ',',
		",,,\n ; \nemail;name;x\n": ';', // blank records before the header skipped
		"\"\";\"\"\n":              ';', // "" is content
	} {
		if got := detectDelimiter([]byte(in)); got != want {
			t.Errorf("detectDelimiter(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTabDelimited(t *testing.T) {
	data := "Email Address\tFull Name\tNotes\n" +
		"a@example.com\tAnn, Ltd\t\"quoted\ttab\"\n" +
		"b@example.com\tBen\t'@home\n"
	r := newStringReader(t, data, customersSchema(), Options{})
	if r.Delimiter() != '\t' {
		t.Fatalf("Delimiter = %q", r.Delimiter())
	}
	rows, errs := readAll(t, r)
	if len(errs) != 0 || len(rows) != 2 {
		t.Fatalf("rows %d errs %v", len(rows), errs)
	}
	if got := values(rows[0], "email", "name", "notes", "status"); !slices.Equal(got, []string{"a@example.com", "Ann, Ltd", "quoted\ttab", "<absent>"}) {
		t.Errorf("row 2 = %q", got)
	}
	if got, _ := rows[1].Get("notes"); got != "@home" {
		t.Errorf("notes = %q, want formula escape removed", got)
	}
}

func TestRowNumbering(t *testing.T) {
	data := "email,name\n" + // 1
		"\n" + // 2 blank line
		"a@x.com,A\n" + // 3
		",\n" + // 4 all cells empty
		"  ,  \r\n" + // 5 white space only
		"b@x.com,\"two\r\nlines\"\n" + // 6-7 one record
		"\r\n" + // 8
		"c@x.com,\"three\n\nlines\"\n" + // 9-11
		"d@x.com,D" // 10, no final newline
	r := newStringReader(t, data, customersSchema(), Options{})
	rows, errs := readAll(t, r)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	var nums []int
	for _, row := range rows {
		nums = append(nums, row.Num)
	}
	if want := []int{3, 6, 8, 9}; !slices.Equal(nums, want) {
		t.Errorf("row numbers %v, want %v", nums, want)
	}
	if v, _ := rows[1].Get("name"); v != "two\nlines" {
		t.Errorf("name = %q", v)
	}
	if v, _ := rows[2].Get("name"); v != "three\n\nlines" {
		t.Errorf("name = %q", v)
	}
}

func TestHeaderAfterBlankLines(t *testing.T) {
	r := newStringReader(t, "\n,,\nemail\na@x.com\n", customersSchema(), Options{})
	rows, _ := readAll(t, r)
	if len(rows) != 1 || rows[0].Num != 4 {
		t.Fatalf("rows %+v", rows)
	}
	if !slices.Equal(r.Header(), []string{"email"}) {
		t.Errorf("Header = %q", r.Header())
	}
}

func TestShortAndLongRows(t *testing.T) {
	data := "email,name,notes\n" +
		"a@x.com\n" +
		"b@x.com,B\n" +
		"c@x.com,C,n,extra,more\n"
	r := newStringReader(t, data, customersSchema(), Options{})
	rows, errs := readAll(t, r)
	if len(errs) != 0 || len(rows) != 3 {
		t.Fatalf("rows %d errs %v", len(rows), errs)
	}
	want := [][]string{{"a@x.com", "", "", "<absent>"}, {"b@x.com", "B", "", "<absent>"}, {"c@x.com", "C", "n", "<absent>"}}
	for i, w := range want {
		if got := values(rows[i], "email", "name", "notes", "creditLimit"); !slices.Equal(got, w) {
			t.Errorf("row %d = %q, want %q", rows[i].Num, got, w)
		}
		if len(rows[i].Raw()) != 3 {
			t.Errorf("Raw = %q, want 3 cells", rows[i].Raw())
		}
	}
	if v, ok := rows[0].Get("nosuchcolumn"); ok || v != "" {
		t.Errorf("Get(unknown) = %q, %v", v, ok)
	}
	if v, ok := (Row{}).Get("email"); ok || v != "" {
		t.Errorf("zero Row Get = %q, %v", v, ok)
	}
}

func TestValuesTrimmedAndUnescaped(t *testing.T) {
	data := "email,notes\n" +
		"a@x.com,  '=SUM(A1)  \n" +
		"b@x.com,'+1\n" +
		"c@x.com,'-x\n" +
		"d@x.com,'@me\n" +
		"e@x.com,'hello\n" +
		"f@x.com,''=x\n" +
		"g@x.com,=1+1\n" +
		"h@x.com,\" \u00a0padded\t\"\n" +
		"i@x.com,'\n"
	r := newStringReader(t, data, customersSchema(), Options{})
	rows, _ := readAll(t, r)
	want := []string{"=SUM(A1)", "+1", "-x", "@me", "'hello", "''=x", "=1+1", "padded", "'"}
	for i, w := range want {
		if got, _ := rows[i].Get("notes"); got != w {
			t.Errorf("row %d notes = %q, want %q", rows[i].Num, got, w)
		}
	}
}

func TestRowsStayValidAfterNext(t *testing.T) {
	r := newStringReader(t, "email,name\na@x.com,A\nb@x.com,B\nc@x.com,C\n", customersSchema(), Options{})
	rows, _ := readAll(t, r)
	for i, w := range []string{"A", "B", "C"} {
		if got, _ := rows[i].Get("name"); got != w {
			t.Errorf("row %d name = %q, want %q", i, got, w)
		}
	}
}

func TestPasswordNeverMapped(t *testing.T) {
	s := customersSchema()
	// Even a schema that lists "password" as a synonym does not read it.
	s.Columns[3].Synonyms = append(s.Columns[3].Synonyms, "password", "pass_word")
	data := "email,Pass-Word,name\na@x.com,hunter2,A\n"
	for _, o := range []Options{{}, {Overrides: map[int]string{1: "notes"}}, {Overrides: map[int]string{1: "name", 2: ""}}} {
		r := newStringReader(t, data, s, o)
		if m := r.Mapping(); m[1] != "" {
			t.Errorf("overrides %v: password header mapped to %q", o.Overrides, m[1])
		}
		rows, _ := readAll(t, r)
		for _, c := range customerCols {
			if v, _ := rows[0].Get(c); v == "hunter2" {
				t.Errorf("overrides %v: password read as %s", o.Overrides, c)
			}
		}
	}
}

func TestOverrides(t *testing.T) {
	data := "Email,First Name,Last Name,Company Name,Mail\nx@y.com,Ana,Lopez,Acme,z@y.com\n"
	cases := []struct {
		o    map[int]string
		want []string
	}{
		{nil, []string{"email", "", "", "name", ""}},
		// An unmatched header mapped by the user; the auto-match of name gives way.
		{map[int]string{1: "name"}, []string{"email", "name", "", "", ""}},
		// Ignoring the first e-mail header lets the next matching one take the column.
		{map[int]string{0: ""}, []string{"", "", "", "name", "email"}},
		// Mapping a later header to email takes it from the first.
		{map[int]string{4: "email", 2: "notes"}, []string{"", "", "notes", "name", "email"}},
	}
	for _, c := range cases {
		r := newStringReader(t, data, customersSchema(), Options{Overrides: c.o})
		if got := r.Mapping(); !slices.Equal(got, c.want) {
			t.Errorf("overrides %v: Mapping = %q, want %q", c.o, got, c.want)
		}
	}
	r := newStringReader(t, data, customersSchema(), Options{Overrides: map[int]string{1: "name"}})
	rows, _ := readAll(t, r)
	if v, _ := rows[0].Get("name"); v != "Ana" {
		t.Errorf("name = %q", v)
	}
	r = newStringReader(t, data, customersSchema(), Options{Overrides: map[int]string{0: ""}})
	if m := r.Missing(); m != nil {
		t.Errorf("Missing = %q", m)
	}
	r = newStringReader(t, data, customersSchema(), Options{Overrides: map[int]string{0: "", 4: ""}})
	if m := r.Missing(); !slices.Equal(m, []string{"email"}) {
		t.Errorf("Missing = %q", m)
	}

	for _, bad := range []map[int]string{{0: "name", 3: "name"}, {1: "phone"}, {5: "notes"}, {-1: "notes"}} {
		_, err := NewReader(strings.NewReader(data), customersSchema(), Options{Overrides: bad})
		var fe *FileError
		if !errors.As(err, &fe) {
			t.Errorf("overrides %v: err = %v, want *FileError", bad, err)
		} else {
			t.Logf("overrides %v: %v", bad, err)
		}
	}
}

func TestFirstMatchingHeaderWins(t *testing.T) {
	r := newStringReader(t, "Company,Name,e-mail,E_MAIL\nAcme,Ann,a@x.com,b@x.com\n", customersSchema(), Options{})
	if got, want := r.Mapping(), []string{"name", "", "email", ""}; !slices.Equal(got, want) {
		t.Errorf("Mapping = %q, want %q", got, want)
	}
}

func TestMissingRequired(t *testing.T) {
	r := newStringReader(t, "Item,Title\nx,y\n", productsSchema(), Options{})
	if got, want := r.Missing(), []string{"sku", "price", "stock"}; !slices.Equal(got, want) {
		t.Errorf("Missing = %q, want %q", got, want)
	}
}

func TestFileErrors(t *testing.T) {
	cases := map[string]string{
		"":                            "The file is empty.",
		"\xEF\xBB\xBF":                "The file is empty.",
		"\n\r\n\n":                    "The file is empty.",
		"\xEF\xBB\xBF\r\n":            "The file is empty.",
		",,,\n , \t\n":                "The file is empty.",
		"\xFF\xFEe\x00m\x00":          "UTF-16",
		"PK\x03\x04rest":              ".xlsx",
		"\xD0\xCF\x11\xE0\xA1\xB1":    ".xls",
		"email,na\"me\na@x.com,A\n":   "The header row (row 1) is not valid CSV",
		"\n\"email,name\na@x.com,A\n": "The header row (row 2) is not valid CSV",
	}
	for in, want := range cases {
		_, err := NewReader(strings.NewReader(in), customersSchema(), Options{})
		var fe *FileError
		if !errors.As(err, &fe) || !strings.Contains(fe.Message, want) {
			t.Errorf("NewReader(%q) = %v, want *FileError containing %q", in, err, want)
		}
		if want == "The file is empty." && !errors.Is(err, ErrEmptyFile) {
			t.Errorf("NewReader(%q): not ErrEmptyFile", in)
		}
	}
}

type failingReader struct{ err error }

func (f failingReader) Read([]byte) (int, error) { return 0, f.err }

func TestReadErrorsPassThrough(t *testing.T) {
	boom := errors.New("disk on fire")
	if _, err := NewReader(failingReader{boom}, customersSchema(), Options{}); !errors.Is(err, boom) {
		t.Errorf("NewReader err = %v", err)
	}
	// A small file: the first look at the data already meets the failure.
	src := io.MultiReader(strings.NewReader("email\na@x.com\n"), failingReader{boom})
	if _, err := NewReader(src, customersSchema(), Options{}); !errors.Is(err, boom) {
		t.Errorf("NewReader err = %v", err)
	}
	// A larger one fails in Next, for good.
	src = io.MultiReader(strings.NewReader("email\n"+strings.Repeat("a@x.com\n", 20000)), failingReader{boom})
	r, err := NewReader(src, customersSchema(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for {
		_, err := r.Next()
		if err == nil {
			rows++
			continue
		}
		if !errors.Is(err, boom) {
			t.Errorf("Next err = %v, want %v", err, boom)
		}
		if _, again := r.Next(); again != err {
			t.Errorf("not sticky: %v", again)
		}
		break
	}
	if rows == 0 || rows > 20000 {
		t.Errorf("%d rows before the error", rows)
	}
}

func TestMalformedRows(t *testing.T) {
	data := "email,name\n" +
		"a@x.com,Bo\"b\n" + // 2: bare quote
		"b@x.com,B\n" + // 3
		"c@x.com,\"C\"x\n" + // 4: text after closing quote
		"d@x.com,\"multi\nline\"\n" + // 5-6
		"e@x.com,\"never closed\nf@x.com,F\n" // 6: to the end
	r := newStringReader(t, data, customersSchema(), Options{})
	var got []string
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			var re *RowError
			if !errors.As(err, &re) {
				t.Fatal(err)
			}
			got = append(got, re.Error())
			continue
		}
		e, _ := row.Get("email")
		got = append(got, "ok "+e+" row "+itoa(row.Num))
	}
	want := []string{
		`Row 2: the file is not valid CSV here (a " appears inside a value that is not enclosed in quotes)`,
		"ok b@x.com row 3",
		`Row 4: the file is not valid CSV here (a quoted value is not closed, or has text after its closing ")`,
		"ok d@x.com row 5",
		`Row 6: the file is not valid CSV here (a quoted value is not closed, or has text after its closing ")`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestInvalidUTF8(t *testing.T) {
	data := "email,name,Other\n" +
		"a@x.com,Caf\xe9,ok\n" +
		"b@x.com,B,\xff\xfe ignored column\n" +
		"c@x.com,Nul\x00l,x\n"
	r := newStringReader(t, data, customersSchema(), Options{})
	rows, errs := readAll(t, r)
	if len(rows) != 1 || rows[0].Num != 3 {
		t.Fatalf("rows %+v", rows)
	}
	if raw := rows[0].Raw(); raw[2] != "\uFFFD ignored column" {
		t.Errorf("Raw = %q", raw)
	}
	want := []string{
		"Row 2: name is not valid UTF-8 text; save the file as CSV UTF-8",
		"Row 4: name is not valid UTF-8 text; save the file as CSV UTF-8",
	}
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
		if e.Column != "name" {
			t.Errorf("Column = %q", e.Column)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors %q, want %q", got, want)
	}
}

func TestMaxRows(t *testing.T) {
	data := "email\na@x.com\n\n,\nb@x.com\nc@x.com\nd@x.com\n"
	r := newStringReader(t, data, customersSchema(), Options{MaxRows: 2})
	for i := 0; i < 2; i++ {
		if _, err := r.Next(); err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
	}
	_, err := r.Next()
	if !errors.Is(err, ErrTooManyRows) {
		t.Fatalf("err = %v, want ErrTooManyRows", err)
	}
	if err.Error() != "The file has more than 2 data rows." {
		t.Errorf("message %q", err.Error())
	}
	if _, again := r.Next(); again != err {
		t.Errorf("not sticky: %v", again)
	}
	// Exactly MaxRows rows are fine.
	r = newStringReader(t, "email\na@x.com\nb@x.com\n\n", customersSchema(), Options{MaxRows: 2})
	if rows, _ := readAll(t, r); len(rows) != 2 {
		t.Errorf("%d rows", len(rows))
	}
}

func TestMaxRecordBytes(t *testing.T) {
	// A quote that is never closed must not pull the whole file into memory.
	data := "email,notes\na@x.com,\"oops\n" + strings.Repeat("b@x.com,filler filler filler\n", 40000)
	r := newStringReader(t, data, customersSchema(), Options{MaxRecordBytes: 200 << 10})
	_, err := r.Next()
	var fe *FileError
	if !errors.As(err, &fe) || !strings.Contains(fe.Message, "Row 2 is larger than 200 KB") {
		t.Fatalf("err = %v", err)
	}
	if _, again := r.Next(); again != err {
		t.Errorf("not sticky: %v", again)
	}
	// The same file with a limit above its size reads (as one bad row).
	r = newStringReader(t, data, customersSchema(), Options{MaxRecordBytes: 4 << 20})
	_, err = r.Next()
	var re *RowError
	if !errors.As(err, &re) || re.Row != 2 {
		t.Fatalf("err = %v", err)
	}
	// A long but legitimate value is fine under the default limit.
	long := strings.Repeat("x", 300<<10)
	r = newStringReader(t, "email,notes\na@x.com,"+long+"\n", customersSchema(), Options{})
	row, err := r.Next()
	if v, _ := row.Get("notes"); err != nil || v != long {
		t.Fatalf("err = %v, len %d", err, len(v))
	}
}

func TestBOMAndCRLF(t *testing.T) {
	data := "\xEF\xBB\xBF\"Email\",Name\r\na@x.com,\"A\r\nB\"\r\n"
	r := newStringReader(t, data, customersSchema(), Options{})
	if h := r.Header(); h[0] != "Email" {
		t.Errorf("Header = %q", h)
	}
	rows, _ := readAll(t, r)
	if len(rows) != 1 || rows[0].Num != 2 {
		t.Fatalf("rows %+v", rows)
	}
	if v, _ := rows[0].Get("name"); v != "A\nB" {
		t.Errorf("name = %q", v)
	}
}

func TestLargeStreamKeepsMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	const n = 300000
	src := &genReader{rows: n}
	r, err := NewReader(src, customersSchema(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var last int
	var peak uint64
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		last = row.Num
		if row.Num%50000 == 0 {
			peak = max(peak, heapAlloc())
		}
	}
	if last != n+1 {
		t.Errorf("last row %d, want %d", last, n+1)
	}
	if peak > 32<<20 {
		t.Errorf("heap reached %d MiB while streaming %d MiB", peak>>20, src.n>>20)
	}
	t.Logf("streamed %d MiB, heap peak sample %d KiB", src.n>>20, peak>>10)
}

// genReader produces a customers CSV of rows data rows without holding it.
type genReader struct {
	rows, i int
	buf     bytes.Buffer
	n       int64
}

func (g *genReader) Read(p []byte) (int, error) {
	for g.buf.Len() < len(p) && g.i <= g.rows {
		if g.i == 0 {
			g.buf.WriteString("email,name,status,notes,creditLimit\n")
		} else {
			writeCustomerLine(&g.buf, g.i)
		}
		g.i++
	}
	if g.buf.Len() == 0 {
		return 0, io.EOF
	}
	n, _ := g.buf.Read(p)
	g.n += int64(n)
	return n, nil
}
