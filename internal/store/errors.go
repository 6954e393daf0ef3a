package store

import (
	"database/sql"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/distribu/distribu/internal/model"
)

// mapErr turns driver errors into model errors so no caller looks at
// SQLSTATEs: unique and foreign-key violations become CodeConflict, a
// missing row becomes CodeNotFound. Model errors pass through unchanged.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	var me *model.Error
	if errors.As(err, &me) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return &model.Error{Code: model.CodeNotFound, Message: "Not found.", Err: err}
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "23505":
			return &model.Error{Code: model.CodeConflict, Message: "Already exists.", Err: err, Fields: constraintField(pg.ConstraintName)}
		case "23503":
			return &model.Error{Code: model.CodeConflict, Message: "The record is still referenced.", Err: err}
		case "40001", "40P01":
			return &model.Error{Code: model.CodeConflict, Message: "The change collided with another; try again.", Err: err}
		}
	}
	var sq *sqlite.Error
	if errors.As(err, &sq) {
		switch sq.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return &model.Error{Code: model.CodeConflict, Message: "Already exists.", Err: err, Fields: constraintField(sq.Error())}
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return &model.Error{Code: model.CodeConflict, Message: "The record is still referenced.", Err: err}
		}
		// ON DELETE RESTRICT reports as a trigger constraint in SQLite.
		if sq.Code()&0xff == sqlite3.SQLITE_CONSTRAINT && strings.Contains(sq.Error(), "FOREIGN KEY") {
			return &model.Error{Code: model.CodeConflict, Message: "The record is still referenced.", Err: err}
		}
	}
	return err
}

// constraintField guesses the column a unique violation is about from the
// constraint name (PostgreSQL) or message (SQLite: "table.column").
func constraintField(s string) []model.FieldError {
	s = strings.ToLower(s)
	for _, f := range []string{"email", "slug", "sku"} {
		if strings.Contains(s, f) {
			return []model.FieldError{{Field: f, Message: "is already taken"}}
		}
	}
	return nil
}

// notFound turns sql.ErrNoRows into the model's not-found error for kind.
func notFound(err error, kind string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return model.NotFound(kind)
	}
	return mapErr(err)
}
