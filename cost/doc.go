// Package cost is the project cost centre (项目成本中心): a cost breakdown of
// control accounts and work packages with budgets, their time-phasing over the
// schedule, earned value and earned schedule, variance thresholds and the cost
// report. Money is decimal.Decimal (shopspring) at every boundary and exact to the
// cent: every split of an amount sums back to it.
package cost
