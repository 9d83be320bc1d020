package kycd

import (
	"errors"
	"fmt"
)

// Error is a domain error with a stable dotted code from the reason
// catalogue. It never carries an HTTP status: http/error.go maps codes to
// statuses in one table.
type Error struct {
	Code string
	// Params fill the catalogue message (e.g. tries_left for otp.invalid).
	Params []string
	// Detail is for logs and programmers; it must not contain personal data.
	Detail string
}

func (e *Error) Error() string {
	if e.Detail != "" {
		return e.Code + ": " + e.Detail
	}
	return e.Code
}

// Errorf returns an *Error with code and a formatted detail.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Detail: fmt.Sprintf(format, args...)}
}

// ErrorWith returns an *Error with code and catalogue parameters
// (key, value pairs).
func ErrorWith(code string, params ...string) *Error {
	return &Error{Code: code, Params: params}
}

// ErrorCode returns the code of the first *Error in err's chain, or
// "internal" for any other error.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return "internal"
}

// Codes that stores return; the service and adapters compare against them.
const (
	ECONFLICT = "store.conflict"  // a unique constraint was violated
	ENOTFOUND = "store.not_found" // no such row
	// EUNAVAILABLE: the database (or another backing service) did not
	// answer in time or could not be reached; retrying later may succeed.
	EUNAVAILABLE = "unavailable"
)

// IsConflict reports whether err is a store unique-constraint violation.
func IsConflict(err error) bool { return ErrorCode(err) == ECONFLICT }

// IsNotFound reports whether err says the row does not exist.
func IsNotFound(err error) bool { return ErrorCode(err) == ENOTFOUND }
