package api

import (
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/cost"
)

// The cost and labour bodies use the domain packages' JSON forms, whose
// scalar types huma would otherwise describe by their Go layout:
//
//   - Money, hours, rates and every other decimal quantity are JSON strings
//     holding a plain decimal number ("1234.50", "-3", "0.375"): shopspring's
//     decimal writes them so (the server never changes its package settings),
//     and a string keeps every digit exactly in any client. A JSON number is
//     refused, so that a client does not lose cents to binary floating point
//     before the server sees them.
//   - Earned value metrics (indices, percentages, estimates) are JSON numbers,
//     or null where undefined (a ratio whose denominator is zero).
//   - Dates are "YYYY-MM-DD" strings, checked strictly (2025-02-29 is refused
//     before the body is decoded).
//
// registerDomainSchemas tells huma so, for every schema made after it.

// decimalSchema is the schema of a decimal.Decimal.
type decimalSchema struct{}

// Schema describes a decimal as a string.
func (decimalSchema) Schema(huma.Registry) *huma.Schema {
	return &huma.Schema{
		Type:        huma.TypeString,
		Pattern:     `^-?[0-9]{1,20}(\.[0-9]{1,12})?$`,
		Description: "A decimal number written as a JSON string, kept exactly: \"1234.50\".",
		Examples:    []any{"1234.50"},
	}
}

// dateSchema is the schema of a date.Date.
type dateSchema struct{}

// Schema describes a date as an RFC 3339 full-date.
func (dateSchema) Schema(huma.Registry) *huma.Schema {
	return &huma.Schema{Type: huma.TypeString, Format: "date", Examples: []any{"2025-03-05"}}
}

// metricSchema is the schema of a cost.Value.
type metricSchema struct{}

// Schema describes a metric as a number or null.
func (metricSchema) Schema(huma.Registry) *huma.Schema {
	return &huma.Schema{
		Type:        huma.TypeNumber,
		Nullable:    true,
		Description: "A metric as a JSON number in plain decimal notation, or null where it is undefined (its denominator is zero).",
	}
}

// registerDomainSchemas makes huma describe (and validate) decimals, dates and
// metrics as their JSON forms are.
func (s *Server) registerDomainSchemas() {
	r := s.api.OpenAPI().Components.Schemas
	r.RegisterTypeAlias(reflect.TypeFor[decimal.Decimal](), reflect.TypeFor[decimalSchema]())
	r.RegisterTypeAlias(reflect.TypeFor[date.Date](), reflect.TypeFor[dateSchema]())
	r.RegisterTypeAlias(reflect.TypeFor[cost.Value](), reflect.TypeFor[metricSchema]())
}

// parseDay reads an optional YYYY-MM-DD query value strictly; "" gives 0.
// (huma has checked the format already; the parse here is the one the value is
// used by.)
func parseDay(field, v string) (date.Date, error) {
	if v == "" {
		return 0, nil
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return 0, lanyan.Errorf(lanyan.CodeInvalid, "query", field, "%q is not a date YYYY-MM-DD", v)
	}
	return date.New(t.Year(), t.Month(), t.Day()), nil
}

// parseDecimal reads an optional decimal query value; "" gives def.
func parseDecimal(field, v string, def decimal.Decimal) (decimal.Decimal, error) {
	if v == "" {
		return def, nil
	}
	d, err := decimal.NewFromString(v)
	if err != nil || len(v) > 40 {
		return decimal.Decimal{}, lanyan.Errorf(lanyan.CodeInvalid, "query", field, "%q is not a decimal number", v)
	}
	return d, nil
}

// wholeCents checks that an amount is whole cents and, unless negative is
// allowed, not below zero.
func wholeCents(record, field string, d decimal.Decimal, negative bool) error {
	if !negative && d.IsNegative() {
		return lanyan.Errorf(lanyan.CodeInvalid, record, field, "%s is negative", d)
	}
	if !d.Equal(d.Round(2)) {
		return lanyan.Errorf(lanyan.CodeInvalid, record, field, "%s has a fraction of a cent", d)
	}
	return nil
}

// notFoundAsInvalid turns a not-found domain error into an invalid-input one
// with the same record, field and message: for a lookup that fails inside a
// computation (no rate for a slip's trade), where 404 would say the URL named
// nothing.
func notFoundAsInvalid(err error) error {
	var le *lanyan.Error
	if errors.As(err, &le) && le.Code == lanyan.CodeNotFound {
		return &lanyan.Error{Code: lanyan.CodeInvalid, Record: le.Record, Field: le.Field, Message: le.Message, Err: le.Err}
	}
	return err
}

// isNotFound reports whether err is a domain not-found error.
func isNotFound(err error) bool { return err != nil && lanyan.CodeOf(err) == lanyan.CodeNotFound }

// record names a record in an error: `element "WP1"`.
func record(kind, id string) string { return fmt.Sprintf("%s %q", kind, id) }

// fieldDoc documents a property of a schema made from a domain type, which
// carries no huma tags: its description, and its allowed values if any.
type fieldDoc struct {
	doc  string
	enum []any
}

// documented returns s with its description and its properties' docs set.
func documented(s *huma.Schema, description string, fields map[string]fieldDoc) *huma.Schema {
	s.Description = description
	for name, f := range fields {
		p := s.Properties[name]
		if p == nil {
			continue
		}
		p.Description = f.doc
		if f.enum != nil {
			p.Enum = f.enum
		}
	}
	s.PrecomputeMessages()
	return s
}

// TransformSchema documents an element's fields.
func (CostElement) TransformSchema(_ huma.Registry, s *huma.Schema) *huma.Schema {
	return documented(s, "An element of the cost breakdown (成本分解): a control account (控制账户), a work package (工作包) or a planning package (规划包).", map[string]fieldDoc{
		"id":         {doc: "Unique within the project; also the code actual costs and day-work slips are booked to."},
		"kind":       {doc: "What the element is.", enum: []any{"controlAccount", "workPackage", "planningPackage"}},
		"parent":     {doc: "The control account the element belongs to; absent directly under the project."},
		"budget":     {doc: "A package's working budget (预算) in whole cents, not negative; 0 for a control account (its budget is the sum of its packages)."},
		"activities": {doc: "The schedule activities a package covers: its budget is spread over their baseline dates. A package needs one."},
		"curve":      {doc: "How a package's budget is spread over its activities' working time; absent is linear."},
		"technique":  {doc: "How a work package earns value: 0/100, 50/50, fixedFormula, percentComplete, physicalPercentComplete, weightedMilestones, unitsComplete, levelOfEffort or apportionedEffort."},
	})
}

// TransformSchema documents a progress record's fields.
func (CostProgress) TransformSchema(_ huma.Registry, s *huma.Schema) *huma.Schema {
	return documented(s, "A work package's progress as of the end of a day: its state then, not the change since the record before.", map[string]fieldDoc{
		"package":    {doc: "The work package."},
		"date":       {doc: "The day measured, as of its end; one record per package and day."},
		"started":    {doc: "The work has begun (fixed formulas); a percent above 0 implies it."},
		"percent":    {doc: "Percent complete, 0 to 100 (percent complete, physical percent complete; the fixed formulas finish at 100)."},
		"units":      {doc: "Units done to date (units complete)."},
		"milestones": {doc: "Ids of the milestones achieved to date (weighted milestones)."},
	})
}

// TransformSchema documents an actual cost's fields.
func (CostActual) TransformSchema(_ huma.Registry, s *huma.Schema) *huma.Schema {
	return documented(s, "An actual cost (实际成本) booked to an element of the cost breakdown.", map[string]fieldDoc{
		"id":        {doc: "Unique within the project. Ids starting \"labour:\" are the costs of approved day-work slips."},
		"code":      {doc: "The element booked to: a work package or a control account."},
		"date":      {doc: "The day the cost was incurred: it counts from that day on."},
		"amount":    {doc: "Whole cents; negative for a credit or reversal."},
		"type":      {doc: "The cost type.", enum: []any{"labour", "material", "equipment", "subcontract", "other"}},
		"sourceRef": {doc: "The source document: an invoice, a payroll, a receipt; for labour, the slip."},
	})
}
