package main

import (
	"flag"
	"fmt"
	"text/tabwriter"

	"github.com/lanyan-dev/lanyan/schedule"
)

var checkCommand = &command{
	name:    "check",
	args:    "FILE [--project P] [--format F]",
	summary: "schedule a P6 or MS Project file and compare with its stored dates",
	detail: `Check reads a P6 XER, P6 XML (PMXML) or MS Project XML (MSPDI) file, schedules it
with the options stored in it, and compares every activity's early start and finish,
late start and finish and total float with the values the file stores. It prints
each mismatch (activity, field, file value, ours) and, as its last line,

	parity: early E/N late L/N float F/N

where N counts the activities whose file holds those values. Two dates agree when
they are the same instant, or one is the end of a working day and the other the
start of the next working period; floats agree within one minute.`,
	setup: func(fs *flag.FlagSet) func(*env, []string) error {
		project := fs.String("project", "", "the `project` to check in a file of several (id or short name)")
		format := fs.String("format", "", "the file's `format`: xer, pmxml, mspdi or json (default: from the name and content)")
		return func(e *env, args []string) error {
			if len(args) != 1 {
				return usageErrorf("want one FILE, got %d arguments", len(args))
			}
			imp, err := readImported(args[0], *format, *project)
			if err != nil {
				return err
			}
			res, err := schedule.Compute(imp.Network, imp.Network.Options)
			if err != nil {
				return err
			}
			p, err := schedule.CompareRecorded(imp.Network, res, imp.Recorded)
			if err != nil {
				return err
			}
			if len(p.Mismatches) > 0 {
				tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "Activity\tField\tFile\tOurs")
				for _, m := range p.Mismatches {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", m.Activity, m.Field, m.File, m.Ours)
				}
				if err := tw.Flush(); err != nil {
					return err
				}
			}
			_, err = fmt.Fprintln(e.stdout, p.String())
			return err
		}
	},
}
