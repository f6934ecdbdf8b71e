package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/danielgtaylor/huma/v2"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/labour"
	"github.com/lanyan-dev/lanyan/refserver/store"
)

// SlipWorker is a real-name registered worker (实名制).
type SlipWorker struct {
	ID   string `json:"id" minLength:"1" maxLength:"64" doc:"The worker's registration id." example:"W-0381"`
	Name string `json:"name,omitempty" maxLength:"200" example:"张三"`
}

// SlipBody is a day-work slip (点工单) as a client writes it: one worker's day
// work on one day. Time is hours or work-days (工日, of the rule set's standard
// day), not both, plus overtime hours; which hours are paid at premium is
// decided by the overtime rules over the worker's whole week, not by how they
// are split here.
type SlipBody struct {
	ID              string          `json:"id" minLength:"1" maxLength:"128" doc:"The slip's number, unique within the tenant." example:"D-0012"`
	Date            date.Date       `json:"date" doc:"The day worked." example:"2025-03-05"`
	Project         string          `json:"project" minLength:"1" example:"P1"`
	Team            string          `json:"team,omitempty" doc:"班组" example:"rebar-2"`
	Subcontractor   string          `json:"subcontractor,omitempty" doc:"劳务分包" example:"Hengda Labour"`
	Worker          SlipWorker      `json:"worker"`
	Trade           string          `json:"trade" minLength:"1" doc:"工种" example:"rebar"`
	Hours           decimal.Decimal `json:"hours,omitzero" doc:"Hours worked, at most three decimal places." example:"10"`
	WorkDays        decimal.Decimal `json:"workDays,omitzero" doc:"Work-days worked, instead of hours." example:"1"`
	OvertimeHours   decimal.Decimal `json:"overtimeHours,omitzero" doc:"Further hours beyond hours or work-days." example:"0"`
	Rate            *SlipRate       `json:"rate,omitempty" doc:"A rate for this slip alone, overriding the rate table."`
	CostCode        string          `json:"costCode" minLength:"1" doc:"成本科目: on approval the slip's pay is booked to the element of this id in the project's cost breakdown." example:"WP1"`
	Activity        string          `json:"activity,omitempty" example:"A1030"`
	Description     string          `json:"description,omitempty" maxLength:"2000"`
	Reason          string          `json:"reason,omitempty" maxLength:"2000" doc:"事由"`
	SiteInstruction string          `json:"siteInstruction,omitempty" doc:"签证 reference." example:"QZ-2025-017"`
	// Status and History let signed-off paper slips be created as they are.
	Status  labour.Status         `json:"status,omitempty" enum:"draft,submitted,verified,approved,rejected" doc:"For a new slip: its status, with the history that led to it (to record signed-off paper slips); absent means draft. Ignored when the slip exists: status moves only through POST /slips/{slip}/status."`
	History []labour.StatusChange `json:"history,omitempty" doc:"For a new slip: its status changes, oldest first, ending at status."`
}

// Slip is a day-work slip as the API returns it.
type Slip struct {
	SlipBody
	Version int64 `json:"version" doc:"1 when created, one more on every change; the ETag is \"v<version>\"."`
}

func (b SlipBody) slip() labour.Slip {
	s := labour.Slip{
		ID: b.ID, Date: b.Date, Project: b.Project, Team: b.Team, Subcontractor: b.Subcontractor,
		Worker: labour.Worker{ID: b.Worker.ID, Name: b.Worker.Name}, Trade: b.Trade,
		Hours: b.Hours, WorkDays: b.WorkDays, OvertimeHours: b.OvertimeHours, CostCode: b.CostCode,
		Activity: b.Activity, Description: b.Description, Reason: b.Reason, SiteInstruction: b.SiteInstruction,
		Status: b.Status, History: b.History,
	}
	if b.Rate != nil {
		s.Rate = b.Rate.Rate
	}
	if s.Status == "" {
		s.Status = labour.StatusDraft
	}
	return s
}

func slipOut(s labour.StoredSlip) Slip {
	out := Slip{Version: s.Version, SlipBody: SlipBody{
		ID: s.ID, Date: s.Date, Project: s.Project, Team: s.Team, Subcontractor: s.Subcontractor,
		Worker: SlipWorker{ID: s.Worker.ID, Name: s.Worker.Name}, Trade: s.Trade,
		Hours: s.Hours, WorkDays: s.WorkDays, OvertimeHours: s.OvertimeHours, CostCode: s.CostCode,
		Activity: s.Activity, Description: s.Description, Reason: s.Reason, SiteInstruction: s.SiteInstruction,
		Status: s.Status, History: s.History,
	}}
	if !s.Rate.IsZero() {
		out.Rate = &SlipRate{s.Rate}
	}
	if out.Status == "" {
		out.Status = labour.StatusDraft
	}
	return out
}

// SlipPath names a slip.
type SlipPath struct {
	Slip string `path:"slip" doc:"The slip's id." example:"D-0012"`
}

// SlipOutput is one slip with its entity tag.
type SlipOutput struct {
	ETag     string `header:"ETag" doc:"Send it back in If-Match to change the slip only if nobody changed it since."`
	Location string `header:"Location"`
	Body     Slip
}

func slipOutput(s labour.StoredSlip) *SlipOutput {
	return &SlipOutput{ETag: versionTag(s.Version), Location: "/slips/" + url.PathEscape(s.ID), Body: slipOut(s)}
}

// SlipFilter are the query parameters selecting slips.
type SlipFilter struct {
	Project       string `query:"project" example:"P1"`
	Team          string `query:"team"`
	Subcontractor string `query:"subcontractor"`
	Worker        string `query:"worker" doc:"A worker's id."`
	Trade         string `query:"trade"`
	CostCode      string `query:"costCode"`
	From          string `query:"from" format:"date" doc:"Slips dated on or after this day." example:"2025-03-01"`
	To            string `query:"to" format:"date" doc:"Slips dated on or before this day." example:"2025-03-31"`
}

func (f SlipFilter) filter() (labour.Filter, error) {
	from, err := parseDay("from", f.From)
	if err != nil {
		return labour.Filter{}, err
	}
	to, err := parseDay("to", f.To)
	if err != nil {
		return labour.Filter{}, err
	}
	return labour.Filter{Project: f.Project, Team: f.Team, Subcontractor: f.Subcontractor, Worker: f.Worker,
		Trade: f.Trade, CostCode: f.CostCode, From: from, To: to}, nil
}

// SlipBatchResult counts the slips a batch stored.
type SlipBatchResult struct {
	Created  int `json:"created" doc:"New slips."`
	Replaced int `json:"replaced" doc:"Slips that existed (draft, submitted or rejected), replaced keeping their status and history."`
	// Booking reports the slips created approved.
	Booking *LabourBooking `json:"booking,omitempty" doc:"The actual costs booked for slips created already approved."`
}

// caller names the key a request was made with, for a slip's history.
func caller(k store.Key) string {
	if k.Name == "" {
		return k.ID
	}
	return fmt.Sprintf("%s (%s)", k.Name, k.ID)
}

// registerLabour registers the labour operations.
func (s *Server) registerLabour() {
	s.registerLabourSettings()
	s.registerSlips()
	s.registerSlipImport()
	s.registerLabourReports()
}

func (s *Server) registerSlips() {
	type slipListInput struct {
		SlipFilter
		Status labour.Status `query:"status" enum:"draft,submitted,verified,approved,rejected"`
		PageParams
	}
	type slipList struct {
		Body struct {
			Items      []Slip `json:"items"`
			NextCursor string `json:"nextCursor,omitempty" doc:"Pass as cursor for the next page; absent on the last page."`
		}
	}
	register(s, op{ID: "list-slips", Method: http.MethodGet, Path: "/slips", Summary: "List day-work slips",
		Description: "The slips matching every filter given, ordered by id, a page at a time.",
		Tags:        labourTags, Role: store.RoleViewer, Errors: []int{422}},
		func(ctx context.Context, k store.Key, in *slipListInput) (*slipList, error) {
			after, err := in.after()
			if err != nil {
				return nil, err
			}
			f, err := in.filter()
			if err != nil {
				return nil, err
			}
			f.Status, f.After, f.Limit = in.Status, after, in.limit()
			ss, err := s.db.Labour(k.Tenant).ListSlips(ctx, f)
			if err != nil {
				return nil, err
			}
			out := &slipList{}
			out.Body.Items = make([]Slip, len(ss))
			for i, sl := range ss {
				out.Body.Items[i] = slipOut(sl)
			}
			if len(ss) > 0 {
				out.Body.NextCursor = nextCursor(len(ss), in.limit(), ss[len(ss)-1].ID)
			}
			return out, nil
		})

	type slipsPutInput struct {
		IdempotencyHeader
		Body []SlipBody `minItems:"1" maxItems:"1000000"`
	}
	type slipsPutOutput struct {
		Body SlipBatchResult
	}
	register(s, op{ID: "put-slips", Method: http.MethodPost, Path: "/slips", Summary: "Create or replace day-work slips in bulk",
		Description: "Stores every slip of the array, all or nothing: one bad slip refuses the batch with an error naming the slip and field. " +
			"A new slip is stored as given, status and history included; an existing one is replaced keeping its status and history, and only " +
			"while it is draft, submitted or rejected (a verified or approved slip is signed off: 409). Slips created already approved are booked " +
			"as actual costs, as an approval books them.",
		Tags: labourTags, Role: store.RoleEditor, Errors: []int{409, 422}},
		func(ctx context.Context, k store.Key, in *slipsPutInput) (*slipsPutOutput, error) {
			slips := make([]labour.Slip, len(in.Body))
			for i, b := range in.Body {
				slips[i] = b.slip()
			}
			var out slipsPutOutput
			err := s.db.Atomically(ctx, func(tx *store.Tx) error {
				out.Body = SlipBatchResult{}
				stored, err := tx.Labour(k.Tenant).PutSlips(ctx, slips)
				if err != nil {
					return err
				}
				var approved []labour.Slip
				for _, sl := range stored {
					if sl.Version == 1 {
						out.Body.Created++
					} else {
						out.Body.Replaced++
					}
					if sl.Version == 1 && sl.Status == labour.StatusApproved {
						approved = append(approved, sl.Slip)
					}
				}
				if len(approved) == 0 {
					return nil
				}
				st, err := loadLabourSettings(ctx, tx, k.Tenant)
				if err != nil {
					return err
				}
				b, err := bookWorkerWeeks(ctx, tx, k.Tenant, st, approved)
				out.Body.Booking = &b
				return err
			})
			if err != nil {
				return nil, err
			}
			return &out, nil
		})

	register(s, op{ID: "get-slip", Method: http.MethodGet, Path: "/slips/{slip}", Summary: "Get a day-work slip",
		Tags: labourTags, Role: store.RoleViewer, Errors: []int{404}},
		func(ctx context.Context, k store.Key, in *SlipPath) (*SlipOutput, error) {
			sl, err := s.db.Labour(k.Tenant).GetSlip(ctx, in.Slip)
			if err != nil {
				return nil, err
			}
			return slipOutput(sl), nil
		})

	type slipPutInput struct {
		SlipPath
		IfMatch string `header:"If-Match" doc:"The ETag the change is based on; a stale one fails with 412."`
		Body    SlipBody
	}
	register(s, op{ID: "update-slip", Method: http.MethodPut, Path: "/slips/{slip}", Summary: "Replace a day-work slip",
		Description: "The body's id must be the path's, and the slip must exist (create slips with POST /slips). Its status and history stay " +
			"as they are (the body's are ignored); a verified or approved slip is signed off and cannot be changed (409). Send If-Match with the " +
			"ETag read: a stale write fails with 412 and changes nothing.",
		Tags: labourTags, Role: store.RoleEditor, Errors: []int{404, 409, 412, 422}},
		func(ctx context.Context, k store.Key, in *slipPutInput) (*SlipOutput, error) {
			if in.Body.ID != in.Slip {
				return nil, lanyan.Errorf(lanyan.CodeInvalid, record("slip", in.Slip), "id", "is %q, not the path's %q", in.Body.ID, in.Slip)
			}
			var stored labour.StoredSlip
			err := s.db.Atomically(ctx, func(tx *store.Tx) error {
				ls := tx.Labour(k.Tenant)
				cur, err := ls.GetSlip(ctx, in.Slip)
				if err != nil {
					return err
				}
				if err := ifMatch(in.IfMatch, versionTag(cur.Version)); err != nil {
					return err
				}
				sl := in.Body.slip()
				sl.Status, sl.History = cur.Status, cur.History // the store keeps them; validate the slip as it will be
				got, err := ls.PutSlips(ctx, []labour.Slip{sl})
				if err != nil {
					return err
				}
				stored = got[0]
				return nil
			})
			if err != nil {
				return nil, err
			}
			return slipOutput(stored), nil
		})

	type SlipStatusChange struct {
		To   labour.Status `json:"to" enum:"draft,submitted,verified,approved,rejected" doc:"The status to move to: draft → submitted; submitted → verified, rejected or back to draft; verified → approved or rejected; rejected → draft. Approved is final." example:"submitted"`
		Note string        `json:"note,omitempty" maxLength:"2000" doc:"Why: kept in the slip's history." example:"checked against the site diary"`
	}
	type slipStatusInput struct {
		IdempotencyHeader
		SlipPath
		IfMatch string `header:"If-Match" doc:"The ETag the change is based on; a stale one fails with 412. Optional: without it the move is made from whatever status the slip has, if allowed."`
		Body    SlipStatusChange
	}
	register(s, op{ID: "change-slip-status", Method: http.MethodPost, Path: "/slips/{slip}/status", Summary: "Move a day-work slip through its sign-off",
		Description: "Records the move in the slip's history, by the calling API key (its name and id) and at the server's time. A move the " +
			"current status does not allow is refused with 409. When the slip becomes approved, the same transaction books it as an actual cost: " +
			"every approved slip of the same worker's pay week is priced with the tenant's labour settings (the week's overtime depends on all of them) " +
			"and stored as a labour actual cost, id \"labour:<slip id>\", dated the slip's day, in the cost breakdown of the slip's project, booked to " +
			"the element named by its cost code. A slip whose project has no cost record, or whose cost code is not an element (or is a planning " +
			"package), is approved without booking; POST /projects/{project}/cost/actuals/from-labour books it later. A slip that cannot be priced " +
			"(no rate for its trade) cannot be approved (422).",
		Tags: labourTags, Role: store.RoleEditor, Errors: []int{404, 409, 412, 422}},
		func(ctx context.Context, k store.Key, in *slipStatusInput) (*SlipOutput, error) {
			var stored labour.StoredSlip
			err := s.db.Atomically(ctx, func(tx *store.Tx) error {
				ls := tx.Labour(k.Tenant)
				cur, err := ls.GetSlip(ctx, in.Slip)
				if err != nil {
					return err
				}
				if err := ifMatch(in.IfMatch, versionTag(cur.Version)); err != nil {
					return err
				}
				stored, err = ls.SetStatus(ctx, in.Slip, cur.Version, in.Body.To, caller(k), s.opts.Now().UTC(), in.Body.Note)
				if err != nil {
					return err
				}
				if stored.Status != labour.StatusApproved {
					return nil
				}
				st, err := loadLabourSettings(ctx, tx, k.Tenant)
				if err != nil {
					return err
				}
				_, err = bookWorkerWeeks(ctx, tx, k.Tenant, st, []labour.Slip{stored.Slip})
				return err
			})
			if err != nil {
				return nil, err
			}
			return slipOutput(stored), nil
		})
}

// rowErrorsProblem is the 422 answer to an import refused whole for its bad
// rows: each row error is a detail located at `row N.column`.
func rowErrorsProblem(msg string, errs []ImportRowError) error {
	details := make([]error, len(errs))
	for i, e := range errs {
		loc := e.Slip
		if e.Row > 0 {
			loc = fmt.Sprintf("row %d", e.Row)
		}
		if e.Column != "" {
			loc += "." + e.Column
		}
		details[i] = &huma.ErrorDetail{Message: e.Message, Location: loc, Value: e}
	}
	return huma.Error422UnprocessableEntity(msg, details...)
}
