package api

// registerSchedule registers the schedule operations: calendars, activities
// and links of a project's network, bulk writes, imports and exports of
// files, and the computed schedule.
func (s *Server) registerSchedule() {
	s.registerCalendars()
	s.registerActivities()
	s.registerLinks()
	s.registerNetworkFiles()
	s.registerCompute()
}
