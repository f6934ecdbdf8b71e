package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"

	"github.com/lanyan-dev/lanyan/schedule/gen"
)

// maxGenActivities bounds `lanyan gen`: ten million activities need some 4 GB.
const maxGenActivities = 10_000_000

var genCommand = &command{
	name:    "gen",
	args:    "--activities N --seed S [-o FILE]",
	summary: "write a random, reproducible network as JSON",
	detail: `Gen writes a random network of N activities in the native JSON form: the same N
and seed give the same file on every platform. Links reach back at most 50
activities, so large networks span centuries; that is intended, for benchmarks.`,
	setup: func(fs *flag.FlagSet) func(*env, []string) error {
		n := fs.Int("activities", 1000, "number of activities `N` (1 to 10,000,000)")
		seed := fs.Int64("seed", 1, "random `seed` S")
		out := fs.String("o", "", "write to `FILE` instead of standard output (replaced whole, never left half written)")
		return func(e *env, args []string) error {
			if len(args) > 0 {
				return usageErrorf("unexpected argument %q", args[0])
			}
			if *n < 1 || *n > maxGenActivities {
				return usageErrorf("--activities must be between 1 and %d, not %d", maxGenActivities, *n)
			}
			b, err := json.Marshal(gen.Network(*n, *seed))
			if err != nil {
				return err
			}
			b = append(b, '\n')
			if *out == "" {
				_, err = e.stdout.Write(b)
				return err
			}
			return writeFileAtomic(*out, b)
		}
	},
}

// writeFileAtomic writes b to a temporary file beside path and renames it into
// place, so that a failure leaves no partial file.
func writeFileAtomic(path string, b []byte) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(b); err != nil {
		return err
	}
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
