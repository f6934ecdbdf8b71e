// Command lanyan is the command-line tool of the lanyan project-controls SDK.
//
// Usage:
//
//	lanyan schedule FILE [--data-date D] [--json]   compute a CPM schedule
//	lanyan check FILE [--project P]                 compare with a P6/MS Project file's dates
//	lanyan convert IN OUT                           convert between XER, P6 XML, MSPDI, JSON
//	lanyan gen --activities N --seed S [-o FILE]    write a random network
//	lanyan help [COMMAND]                           show help
//
// Networks are read and written in the native JSON form (docs/network-json.md).
// The exit status is 0 on success, 1 when the work failed (the message on standard
// error names the problem) and 2 when the command line was wrong.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// env is what a command may touch: its output streams. Commands get no other
// access to the process (no os.Exit, no os.Args), so that tests can run them.
type env struct {
	stdout io.Writer
	stderr io.Writer
}

// A command is one subcommand. To add one (check, convert, …), write its setup
// function and list it in commands.
type command struct {
	name    string
	args    string // the synopsis after the name, e.g. "FILE [flags]"
	summary string // one line for the command list
	detail  string // a paragraph for `lanyan help NAME`
	// setup defines the command's flags on fs and returns the function that runs it
	// with the positional arguments left once the flags are parsed.
	setup func(fs *flag.FlagSet) func(e *env, args []string) error
}

// commands lists the subcommands in the order help shows them.
var commands = []*command{scheduleCommand, checkCommand, convertCommand, genCommand}

func findCommand(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// usageError is a mistake on the command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// run runs the command line args (without the program name), writing to stdout and
// stderr, and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		printUsage(stderr)
		return exitUsage
	}
	switch name := args[0]; name {
	case "help", "-h", "-help", "--help":
		return runHelp(e, args[1:])
	default:
		c := findCommand(name)
		if c == nil {
			fmt.Fprintf(stderr, "lanyan: unknown command %q\nRun 'lanyan help' for the list of commands.\n", name)
			return exitUsage
		}
		return runCommand(e, c, args[1:])
	}
}

func runCommand(e *env, c *command, args []string) int {
	fs := newFlagSet(c)
	do := c.setup(fs)
	pos, err := parseArgs(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		printCommandUsage(e.stdout, c, fs)
		return exitOK
	}
	if err == nil {
		err = do(e, pos)
	}
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "lanyan %s: %s\nusage: lanyan %s %s\nRun 'lanyan help %s' for details.\n", c.name, ue.msg, c.name, c.args, c.name)
		return exitUsage
	default:
		fmt.Fprintf(e.stderr, "lanyan %s: %v\n", c.name, err)
		return exitError
	}
}

func runHelp(e *env, args []string) int {
	switch len(args) {
	case 0:
		printUsage(e.stdout)
		return exitOK
	case 1:
		c := findCommand(args[0])
		if c == nil {
			fmt.Fprintf(e.stderr, "lanyan help: unknown command %q\nRun 'lanyan help' for the list of commands.\n", args[0])
			return exitUsage
		}
		fs := newFlagSet(c)
		c.setup(fs)
		printCommandUsage(e.stdout, c, fs)
		return exitOK
	default:
		fmt.Fprintln(e.stderr, "lanyan help: give at most one command\nusage: lanyan help [COMMAND]")
		return exitUsage
	}
}

func printUsage(w io.Writer) {
	var b strings.Builder
	b.WriteString("lanyan is the command-line tool of the lanyan project-controls SDK.\n\n")
	b.WriteString("Usage:\n\n\tlanyan COMMAND [arguments]\n\nCommands:\n\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "\t%-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(&b, "\t%-10s %s\n", "help", "show help for a command")
	b.WriteString("\nRun 'lanyan help COMMAND' for a command's arguments and flags.\n")
	b.WriteString("Exit status: 0 on success, 1 when the work failed, 2 for a wrong command line.\n")
	io.WriteString(w, b.String())
}

func printCommandUsage(w io.Writer, c *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "usage: lanyan %s %s\n\n%s\n", c.name, c.args, c.detail)
	var flags strings.Builder
	fs.SetOutput(&flags)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	if flags.Len() > 0 {
		fmt.Fprintf(w, "\nFlags:\n%s", flags.String())
	}
}

// newFlagSet returns a silent flag set: run reports errors and usage itself.
func newFlagSet(c *command) *flag.FlagSet {
	fs := flag.NewFlagSet("lanyan "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseArgs parses flags wherever they stand among the positional arguments (the
// flag package alone stops at the first positional one), so that
// `lanyan schedule net.json --json` works. After "--" everything is positional.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{err.Error()}
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
