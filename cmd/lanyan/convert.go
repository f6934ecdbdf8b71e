package main

import (
	"bytes"
	"flag"
	"path/filepath"
	"strings"
)

var convertCommand = &command{
	name:    "convert",
	args:    "IN OUT [--project P] [--from F] [--to F]",
	summary: "convert a network between XER, P6 XML, MS Project XML and JSON",
	detail: `Convert reads IN (P6 XER, P6 XML, MS Project XML or the native JSON) and writes
OUT in the format its name says: .xer, .json, or .xml (MS Project XML unless --to
pmxml). OUT is written whole or not at all.`,
	setup: func(fs *flag.FlagSet) func(*env, []string) error {
		project := fs.String("project", "", "the `project` to convert in a file of several (id or short name)")
		from := fs.String("from", "", "IN's `format`: xer, pmxml, mspdi or json (default: from the name and content)")
		to := fs.String("to", "", "OUT's `format`: xer, pmxml, mspdi or json (default: from OUT's name)")
		return func(e *env, args []string) error {
			if len(args) != 2 {
				return usageErrorf("want IN and OUT, got %d arguments", len(args))
			}
			format := *to
			if format == "" {
				switch strings.ToLower(filepath.Ext(args[1])) {
				case ".xer":
					format = formatXER
				case ".json":
					format = formatJSON
				case ".xml":
					format = formatMSPDI
				default:
					return usageErrorf("cannot tell OUT's format from %q: name it .xer, .json or .xml, or give --to", args[1])
				}
			}
			imp, err := readImported(args[0], *from, *project)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := writeImported(&buf, format, imp); err != nil {
				return err
			}
			return writeFileAtomic(args[1], buf.Bytes())
		}
	},
}
