package labour

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/lanyan-dev/lanyan"
)

// CostLine is the day-work cost of one cost code (成本科目) on one date at one
// project: the sum of its approved slips' pay, with the slips it came from. Cost
// lines are the actuals the cost package books against its accounts; this
// package does not import it, so callers pass the lines across.
type CostLine struct {
	Project  string          `json:"project"`
	CostCode string          `json:"costCode"`
	Date     date.Date       `json:"date"`
	Amount   decimal.Decimal `json:"amount"`
	SlipIDs  []string        `json:"slipIds"` // sorted
}

// CostLines totals the pay of approved slips by project, cost code and date.
// pays are the priced slips in the order of slips, as [RuleSet.Price] returns
// them. Amounts are exact sums of the slips' cents; nothing is rounded. Lines
// are ordered by project, cost code and date. It fails, naming the record and
// field, when pays do not match slips one for one or an amount is not whole
// cents.
func CostLines(slips []Slip, pays []Pay) ([]CostLine, error) {
	if len(pays) != len(slips) {
		return nil, lanyan.Errorf(lanyan.CodeInvalid, "pays", "", "%d pays for %d slips", len(pays), len(slips))
	}
	type key struct {
		project, code string
		d             date.Date
	}
	type acc struct {
		cents int64
		ids   []string
	}
	accs := make(map[key]*acc)
	for i := range slips {
		s, p := &slips[i], &pays[i]
		if p.SlipID != s.ID {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, fmt.Sprintf("pay %d", i), "slipId",
				"is %q but slip %d is %q: pays must be in the order of slips", p.SlipID, i, s.ID)
		}
		if s.Status != StatusApproved {
			continue
		}
		c, ok := scaled(p.Amount, 2)
		if !ok || c < 0 {
			return nil, lanyan.Errorf(lanyan.CodeInvalid, slipRecord(s.ID), "amount", "%s is not a non-negative amount in cents", p.Amount)
		}
		k := key{s.Project, s.CostCode, s.Date}
		a := accs[k]
		if a == nil {
			a = &acc{}
			accs[k] = a
		}
		a.cents += c
		a.ids = append(a.ids, s.ID)
	}
	out := make([]CostLine, 0, len(accs))
	for k, a := range accs {
		slices.Sort(a.ids)
		out = append(out, CostLine{Project: k.project, CostCode: k.code, Date: k.d, Amount: cents(a.cents), SlipIDs: a.ids})
	}
	slices.SortFunc(out, func(a, b CostLine) int {
		return cmp.Or(cmp.Compare(a.Project, b.Project), cmp.Compare(a.CostCode, b.CostCode), cmp.Compare(a.Date, b.Date))
	})
	return out, nil
}
