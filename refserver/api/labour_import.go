package api

import (
	"bytes"
	"context"
	"fmt"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/lanyan-dev/lanyan/labour"
	"github.com/lanyan-dev/lanyan/refserver/store"
)

// ImportRowError is one bad row of an imported file: its row number as the
// user sees it (1-based, header included), the column header as written in the
// file, and what is wrong; or a slip refused by its id.
type ImportRowError struct {
	Row     int    `json:"row,omitempty" doc:"The row, 1-based, the header row included (for CSV the line the record starts on)." example:"5"`
	Column  string `json:"column,omitempty" doc:"The column's header as written in the file." example:"工时"`
	Slip    string `json:"slip,omitempty" doc:"The slip's id, for errors about a slip rather than a cell." example:"D-0012"`
	Message string `json:"message" example:"\"ten\" is not a number"`
}

// SlipImportResult is what an import stored and what it refused.
type SlipImportResult struct {
	Format   string           `json:"format" enum:"csv,xlsx" doc:"The format the file was read as."`
	Mode     string           `json:"mode" enum:"all,good"`
	Imported int              `json:"imported" doc:"Slips stored."`
	Created  int              `json:"created"`
	Replaced int              `json:"replaced" doc:"Slips that existed (draft, submitted or rejected), replaced keeping their status and history."`
	Rejected int              `json:"rejected" doc:"Rows (or slips) left out."`
	Errors   []ImportRowError `json:"errors" doc:"Why each was left out."`
}

// Content types of the files an import takes.
const (
	contentCSV  = "text/csv"
	contentXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

func (s *Server) registerSlipImport() {
	type slipImportInput struct {
		IdempotencyHeader
		Format   string `query:"format" enum:"csv,xlsx" doc:"The file's format; absent means detected from its content (an XLSX workbook is a zip archive)."`
		Mode     string `query:"mode" enum:"all,good" default:"all" doc:"all: any bad row refuses the whole file (422, nothing stored, every bad row listed). good: the good rows are stored and the bad ones listed."`
		Sheet    string `query:"sheet" maxLength:"200" doc:"XLSX: the worksheet to read; absent means the first."`
		IDPrefix string `query:"idPrefix" maxLength:"64" doc:"Makes the id of a slip whose 单号/id cell is empty: the prefix and the row number. Absent means \"row-\"."`
		RawBody  []byte
	}
	type slipImportOutput struct {
		Body SlipImportResult
	}
	register(s, op{ID: "import-slips", Method: http.MethodPost, Path: "/slips/import", Summary: "Import day-work slips from a CSV or XLSX file",
		Description: "The body is the file itself: CSV (UTF-8 with or without a byte-order mark, or GB18030 as Excel in China writes it) or an " +
			"XLSX workbook. The header row (within the first ten rows) names the columns in Chinese or English, in any order: 日期/date, 项目/project, " +
			"工人编号/workerId, 工种/trade, 成本科目/costCode and 工时/hours or 工日/workDays are required; 单号/id, 班组/team, 劳务分包/subcontractor, " +
			"姓名/name, 加班工时/overtimeHours, 单价/rate with 计价单位/rateUnit, 作业/activity, 签证单号/visaRef, 说明/description and 事由/reason " +
			"are read when present. Slips are imported as drafts; a slip whose id exists replaces it if it is draft, submitted or rejected " +
			"(otherwise the import is refused with 409). Every bad row is reported with its row number and column.",
		Tags: labourTags, Role: store.RoleEditor, Upload: true, Errors: []int{409, 422}},
		func(ctx context.Context, k store.Key, in *slipImportInput) (*slipImportOutput, error) {
			res := SlipImportResult{Format: in.Format, Mode: in.Mode, Errors: []ImportRowError{}}
			if res.Mode == "" {
				res.Mode = "all"
			}
			if res.Format == "" {
				res.Format = "csv"
				if bytes.HasPrefix(in.RawBody, []byte("PK\x03\x04")) {
					res.Format = "xlsx"
				}
			}
			opts := labour.ImportOptions{AllOrNothing: res.Mode == "all", Sheet: in.Sheet, IDPrefix: in.IDPrefix}
			read := labour.ImportCSV
			if res.Format == "xlsx" {
				read = labour.ImportXLSX
			}
			slips, rowErrs, err := read(bytes.NewReader(in.RawBody), opts)
			for _, e := range rowErrs {
				res.Errors = append(res.Errors, ImportRowError{Row: e.Row, Column: e.Column, Message: e.Message})
			}
			if err != nil {
				if len(res.Errors) > 0 {
					return nil, rowErrorsProblem(fmt.Sprintf("%d bad rows: nothing imported", len(res.Errors)), res.Errors)
				}
				return nil, notFoundAsInvalid(err)
			}
			// The store refuses a batch with an id twice: keep the first.
			seen := make(map[string]bool, len(slips))
			kept := slips[:0]
			var dups []ImportRowError
			for _, sl := range slips {
				if seen[sl.ID] {
					dups = append(dups, ImportRowError{Slip: sl.ID, Column: "单号", Message: "the id appears more than once in the file; the first row was kept"})
					continue
				}
				seen[sl.ID] = true
				kept = append(kept, sl)
			}
			if len(dups) > 0 && opts.AllOrNothing {
				for i := range dups {
					dups[i].Message = "the id appears more than once in the file"
				}
				return nil, rowErrorsProblem(fmt.Sprintf("%d slip ids repeat: nothing imported", len(dups)), dups)
			}
			res.Errors = append(res.Errors, dups...)
			res.Rejected = len(res.Errors)
			if len(kept) > 0 {
				stored, err := s.db.Labour(k.Tenant).PutSlips(ctx, kept)
				if err != nil {
					return nil, err
				}
				for _, sl := range stored {
					if sl.Version == 1 {
						res.Created++
					} else {
						res.Replaced++
					}
				}
			}
			res.Imported = len(kept)
			return &slipImportOutput{Body: res}, nil
		})

	// The body is a file of either type; huma described it as octet-stream.
	if p := s.api.OpenAPI().Paths["/slips/import"]; p != nil && p.Post != nil && p.Post.RequestBody != nil {
		file := &huma.MediaType{Schema: &huma.Schema{Type: huma.TypeString, Format: "binary"}}
		p.Post.RequestBody.Content[contentCSV] = file
		p.Post.RequestBody.Content[contentXLSX] = file
		p.Post.RequestBody.Description = "The file: CSV or XLSX."
	}
}
