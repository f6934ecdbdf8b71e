module github.com/lanyan-dev/lanyan

go 1.25.0

require (
	github.com/rickb777/date/v2 v2.3.12
	github.com/shopspring/decimal v1.6.0
	github.com/stretchr/testify v1.12.1
	golang.org/x/text v0.37.0
)

require (
	github.com/govalues/decimal v0.1.36 // indirect
	github.com/rickb777/period v1.0.27 // indirect
	github.com/rickb777/plural v1.4.10 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
)
