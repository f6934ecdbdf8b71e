module github.com/lanyan-dev/lanyan

go 1.25.0

require (
	github.com/govalues/decimal v0.1.36 // indirect
	github.com/rickb777/date/v2 v2.3.12 // indirect
	github.com/rickb777/period v1.0.27 // indirect
	github.com/rickb777/plural v1.4.10 // indirect
	github.com/shopspring/decimal v1.6.0 // indirect
	github.com/stretchr/testify v1.12.1 // indirect
)
