package schedule

import "errors"

// Compute schedules the network with the given options.
func Compute(net *Network, opts Options) (*Result, error) {
	return nil, errors.New("not yet")
}
