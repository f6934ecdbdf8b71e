package lanyan

import (
	"errors"
	"fmt"
)

// Code classifies an error so that callers (and the reference server, in one place)
// can react to it without reading its text.
type Code string

// The error codes shared by every package.
const (
	CodeInvalid  Code = "invalid"   // the input breaks a rule; the message names the record and field
	CodeNotFound Code = "not_found" // a referenced record does not exist
	CodeConflict Code = "conflict"  // the request conflicts with the current state (duplicate, stale version)
	CodeInternal Code = "internal"  // a failure that is not the caller's fault
)

// Error is the error type of every lanyan package. Record and Field name what was
// wrong, so that a message reads like `activity "A1030": constraint2: finish
// constraint before start constraint`.
type Error struct {
	Code    Code
	Record  string // the record at fault, e.g. `activity "A1030"`; may be empty
	Field   string // the field at fault, e.g. "duration"; may be empty
	Message string
	Err     error // an underlying cause, if any
}

// Sentinel errors for errors.Is: any *Error with the matching Code matches them.
var (
	ErrInvalid  = &Error{Code: CodeInvalid, Message: "invalid input"}
	ErrNotFound = &Error{Code: CodeNotFound, Message: "not found"}
	ErrConflict = &Error{Code: CodeConflict, Message: "conflict"}
)

// Errorf returns an *Error with the given code, record and field, formatting the
// message like fmt.Sprintf.
func Errorf(code Code, record, field, format string, args ...any) *Error {
	return &Error{Code: code, Record: record, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Error returns "record: field: message", leaving out the empty parts.
func (e *Error) Error() string {
	s := e.Message
	if e.Field != "" {
		s = e.Field + ": " + s
	}
	if e.Record != "" {
		s = e.Record + ": " + s
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is an *Error with the same Code, so that
// errors.Is(err, lanyan.ErrInvalid) holds for every invalid-input error.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// CodeOf returns the Code of the first *Error in err's chain, or CodeInternal.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}
