package lanyan_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/lanyan-dev/lanyan"
)

func TestErrorIsByCode(t *testing.T) {
	err := fmt.Errorf("loading: %w", lanyan.Errorf(lanyan.CodeNotFound, `activity "A1"`, "calendar", "unknown calendar %q", "night"))
	assert.ErrorIs(t, err, lanyan.ErrNotFound)
	assert.NotErrorIs(t, err, lanyan.ErrInvalid)
	assert.Equal(t, lanyan.CodeNotFound, lanyan.CodeOf(err))
	assert.Equal(t, lanyan.CodeInternal, lanyan.CodeOf(errors.New("disk full")))
	assert.Equal(t, `loading: activity "A1": calendar: unknown calendar "night"`, err.Error())
}

func TestErrorTextLeavesOutEmptyParts(t *testing.T) {
	cause := errors.New("eof")
	e := &lanyan.Error{Code: lanyan.CodeInvalid, Message: "cannot read", Err: cause}
	assert.Equal(t, "cannot read: eof", e.Error())
	assert.ErrorIs(t, e, cause)
	assert.Equal(t, "network: is nil", lanyan.Errorf(lanyan.CodeInvalid, "network", "", "is nil").Error())
}

func ExampleErrorf() {
	err := lanyan.Errorf(lanyan.CodeInvalid, `activity "A1030"`, "constraint2", "finish constraint before start constraint")
	fmt.Println(err)
	fmt.Println(errors.Is(err, lanyan.ErrInvalid), lanyan.CodeOf(err))
	// Output:
	// activity "A1030": constraint2: finish constraint before start constraint
	// true invalid
}
