package audit

import (
	"encoding/json"
	"sort"
)

func sortedKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	// Small fields first so as many as possible survive the cut.
	sort.SliceStable(keys, func(i, j int) bool { return len(m[keys[i]]) < len(m[keys[j]]) })
	return keys
}
