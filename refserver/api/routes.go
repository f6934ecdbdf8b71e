package api

// registerAll registers every operation of the API.
func (s *Server) registerAll() {
	s.registerDomainSchemas() // before any operation, so every schema uses them
	s.registerTenants()
	s.registerProjects()
	s.registerSchedule()
	s.registerCost()
	s.registerLabour()
	s.registerCharts()
}
