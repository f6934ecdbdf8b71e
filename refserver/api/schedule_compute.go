package api

import (
	"context"
	"net/http"
	"net/url"

	"github.com/danielgtaylor/huma/v2"

	"github.com/lanyan-dev/lanyan"
	"github.com/lanyan-dev/lanyan/refserver/store"
	"github.com/lanyan-dev/lanyan/schedule"
)

// overrideOptions returns the network's options with the overrides given.
func overrideOptions(net *schedule.Network, o ScheduleOverrides) (schedule.Options, error) {
	conv := convOf(net)
	cur, err := conv.optionsOut()
	if err != nil {
		return schedule.Options{}, err
	}
	for _, f := range []struct{ from, to *string }{
		{&o.DataDate, &cur.DataDate}, {&o.MustFinishBy, &cur.MustFinishBy}, {&o.LagCalendar, &cur.LagCalendar},
		{&o.FloatType, &cur.FloatType}, {&o.Progress, &cur.Progress},
	} {
		if *f.from != "" {
			*f.to = *f.from
		}
	}
	if o.CriticalFloat != nil {
		cur.CriticalFloat = o.CriticalFloat
	}
	if o.HonorConstraintDates != nil {
		cur.HonorConstraintDates = *o.HonorConstraintDates
	}
	return conv.optionsIn(cur)
}

// summarize sums up a computed schedule.
func summarize(res *schedule.Result) ScheduleSummary {
	sum := ScheduleSummary{EarlyFinish: res.EarlyFinish.String(), LongestPath: res.LongestPath, Activities: len(res.Activities)}
	if sum.LongestPath == nil {
		sum.LongestPath = []string{}
	}
	for _, a := range res.Activities {
		if a.Critical {
			sum.CriticalCount++
		}
	}
	return sum
}

func scheduleLocation(project string) string {
	return "/projects/" + url.PathEscape(project) + "/schedule"
}

func (s *Server) registerCompute() {
	tags := []string{"Schedule"}

	type scheduleComputeInput struct {
		ProjectPath
		IdempotencyHeader
		Body *ScheduleOverrides `doc:"Options for this computation only, overriding the project's; absent fields (or no body) keep the project's."`
	}
	type scheduleComputeOutput struct {
		Location string `header:"Location" doc:"Where the computed schedule is."`
		Body     ScheduleSummary
	}
	register(s, op{ID: "compute-schedule", Method: http.MethodPost, Path: "/projects/{project}/schedule", Summary: "Compute the schedule",
		Description: "Schedules the project's network by the critical path method with its options (or the overrides given), saves the result " +
			"for GET /projects/{project}/schedule and answers a summary. A network that cannot be scheduled fails with 422 naming the problem: " +
			"for a loop of links, the activities of the loop.",
		// Upload: a programme of 100,000 activities takes longer to load,
		// compute and save than an ordinary request may.
		Tags: tags, Role: store.RoleEditor, Upload: true, Errors: []int{404, 422}},
		func(ctx context.Context, k store.Key, in *scheduleComputeInput) (*scheduleComputeOutput, error) {
			out := &scheduleComputeOutput{Location: scheduleLocation(in.Project)}
			err := s.db.Atomically(ctx, func(tx *store.Tx) error {
				st := tx.Schedule(k.Tenant)
				net, err := st.LoadNetwork(ctx, in.Project)
				if err != nil {
					return err
				}
				opts := net.Options
				if in.Body != nil {
					if opts, err = overrideOptions(net, *in.Body); err != nil {
						return err
					}
				}
				res, err := schedule.Compute(net, opts)
				if err != nil {
					return asInvalid(err)
				}
				if err := st.SaveResult(ctx, in.Project, res); err != nil {
					return err
				}
				out.Body = summarize(res)
				return nil
			})
			if err != nil {
				return nil, err
			}
			return out, nil
		})

	type scheduleResultOutput struct {
		Body resultJSON
	}
	register(s, op{ID: "get-schedule", Method: http.MethodGet, Path: "/projects/{project}/schedule", Summary: "Get the computed schedule",
		Description: "The schedule computed last, in the network JSON's result form: one record per activity and per link, in the network's order " +
			"(activities by id, links by predecessor then successor). It is not recomputed when the network changes: 404 when it was never computed, " +
			"409 when activities or links were added or deleted since (compute it again).",
		Tags: tags, Role: store.RoleViewer, Errors: []int{404, 409}},
		func(ctx context.Context, k store.Key, in *ProjectPath) (*scheduleResultOutput, error) {
			net, res, err := loadComputed(ctx, s.db.Schedule(k.Tenant), in.Project)
			if err != nil {
				return nil, err
			}
			b, err := schedule.MarshalResult(net, res)
			if err != nil {
				return nil, err
			}
			return &scheduleResultOutput{Body: b}, nil
		})
}

// loadComputed loads a project's network and the schedule computed last:
// 404 when it was never computed, 409 when activities or links were added or
// deleted since.
func loadComputed(ctx context.Context, st schedule.Store, project string) (*schedule.Network, *schedule.Result, error) {
	net, err := st.LoadNetwork(ctx, project)
	if err != nil {
		return nil, nil, err
	}
	res, err := st.LoadResult(ctx, project)
	if lanyan.CodeOf(err) == lanyan.CodeNotFound {
		return nil, nil, huma.Error404NotFound("the schedule of project " + project + " has not been computed: POST " + scheduleLocation(project))
	}
	if err != nil {
		return nil, nil, err
	}
	if !resultFits(res, net) {
		return nil, nil, huma.Error409Conflict("activities or links were added or deleted since the schedule was computed: compute it again (POST " + scheduleLocation(project) + ")")
	}
	return net, res, nil
}
