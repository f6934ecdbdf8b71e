package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/lanyan-dev/lanyan/schedule"
	"github.com/lanyan-dev/lanyan/schedule/mspdi"
	"github.com/lanyan-dev/lanyan/schedule/pmxml"
	"github.com/lanyan-dev/lanyan/schedule/xer"
)

// The file formats the tool reads and writes.
const (
	formatJSON  = "json"
	formatXER   = "xer"
	formatPMXML = "pmxml"
	formatMSPDI = "mspdi"
)

// sniffFormat tells a file's format from its name and first bytes: .xer and .json
// by name; an XML file by its root (P6's APIBusinessObjects or MS Project's
// namespace).
func sniffFormat(path string, head []byte) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xer":
		return formatXER, nil
	case ".json":
		return formatJSON, nil
	}
	switch {
	case bytes.HasPrefix(head, []byte("ERMHDR")):
		return formatXER, nil
	case bytes.Contains(head, []byte("APIBusinessObjects")):
		return formatPMXML, nil
	case bytes.Contains(head, []byte("schemas.microsoft.com/project")):
		return formatMSPDI, nil
	case len(bytes.TrimSpace(head)) > 0 && bytes.TrimSpace(head)[0] == '{':
		return formatJSON, nil
	}
	return "", fmt.Errorf("%s: cannot tell the format: want .xer, .json, P6 XML or MS Project XML", path)
}

// readImported reads a network file of any supported format; project picks one of
// several projects in an XER or P6 XML file (by id or short name).
func readImported(path, format, project string) (*schedule.Imported, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if format == "" {
		if format, err = sniffFormat(path, b[:min(len(b), 4096)]); err != nil {
			return nil, err
		}
	}
	var imp *schedule.Imported
	switch format {
	case formatJSON:
		var net *schedule.Network
		if net, err = decodeNetwork(path, b); err == nil {
			imp = &schedule.Imported{Network: net, Recorded: make([]schedule.Recorded, len(net.Activities)), Format: formatJSON}
		}
	case formatXER:
		var f *xer.File
		if f, err = xer.Read(bytes.NewReader(b), xer.Options{}); err == nil {
			imp, err = f.Import(project)
		}
	case formatPMXML:
		imp, err = pmxml.Read(bytes.NewReader(b), project)
	case formatMSPDI:
		imp, err = mspdi.Read(bytes.NewReader(b))
	default:
		return nil, usageErrorf("unknown format %q: want json, xer, pmxml or mspdi", format)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return imp, nil
}

// writeImported writes imp in the given format.
func writeImported(w io.Writer, format string, imp *schedule.Imported) error {
	switch format {
	case formatJSON:
		b, err := imp.Network.MarshalJSON()
		if err != nil {
			return err
		}
		_, err = w.Write(append(b, '\n'))
		return err
	case formatXER:
		return xer.Write(w, imp.Network, imp.Recorded)
	case formatPMXML:
		return pmxml.Write(w, imp)
	case formatMSPDI:
		return mspdi.Write(w, imp)
	}
	return usageErrorf("unknown format %q: want json, xer, pmxml or mspdi", format)
}
