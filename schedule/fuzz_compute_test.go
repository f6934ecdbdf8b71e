package schedule_test

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/lanyan-dev/lanyan/schedule"
)

// FuzzCompute feeds Compute any network that decodes from JSON: it must never
// panic, and a result it returns must be whole and ordered (finishes not before
// starts, one result per activity and one flag per link).
func FuzzCompute(f *testing.F) {
	if b, err := os.ReadFile("testdata/example-network.json"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"project":{"start":"2025-03-03T08:00"},"activities":[{"id":"A","duration":{"days":2}},{"id":"B","duration":{"days":1}}],"links":[{"pred":"A","succ":"B","type":"SF","lag":{"days":-3}}]}`))
	f.Add([]byte(`{"project":{"start":"2025-03-03T08:00"},"options":{"dataDate":"2025-03-05T12:00","progress":"actualDates","mustFinishBy":"2025-03-04T17:00"},"activities":[{"id":"A","duration":{"days":2},"actualStart":"2025-03-03T08:00","actualFinish":"2025-03-06T10:00"},{"id":"B","kind":"finishMilestone","constraint":{"type":"mandatoryFinish","date":"2025-03-01T00:00"}},{"id":"L","kind":"levelOfEffort"},{"id":"W","kind":"wbsSummary"},{"id":"C","parent":"W","duration":{"hours":3},"constraint":{"type":"alap"}}],"links":[{"pred":"A","succ":"B"},{"pred":"A","succ":"L","type":"SS"},{"pred":"L","succ":"C","type":"FF"},{"pred":"B","succ":"C","lagPercent":-50}]}`))
	f.Add([]byte(`{"project":{"start":"2025-03-03T08:00"},"activities":[{"id":"A"},{"id":"B"},{"id":"C"}],"links":[{"pred":"A","succ":"B"},{"pred":"B","succ":"C"},{"pred":"C","succ":"A"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		// A hang is a failure too: crash the worker so the fuzzer keeps the input.
		watchdog := time.AfterFunc(10*time.Second, func() { panic("decoding and computing ran for over 10 s") })
		defer watchdog.Stop()
		var net schedule.Network
		if json.Unmarshal(data, &net) != nil || len(net.Activities) > 300 || len(net.Links) > 900 {
			return
		}
		res, err := schedule.Compute(&net, net.Options)
		if err != nil {
			if res != nil {
				t.Fatalf("a result came with the error %v", err)
			}
			return
		}
		if len(res.Activities) != len(net.Activities) || len(res.Driving) != len(net.Links) {
			t.Fatalf("result has %d activities and %d links for %d and %d", len(res.Activities), len(res.Driving), len(net.Activities), len(net.Links))
		}
		for i, r := range res.Activities {
			if r.ID != net.Activities[i].ID {
				t.Fatalf("result %d is %q, want %q", i, r.ID, net.Activities[i].ID)
			}
			if r.EarlyFinish < r.EarlyStart || r.LateFinish < r.LateStart {
				t.Fatalf("activity %q finishes before it starts: %+v", r.ID, r)
			}
		}
	})
}
