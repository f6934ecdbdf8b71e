// Package cost is the project cost centre (项目成本中心): a cost breakdown of
// control accounts and work packages with budgets, their time-phasing over the
// schedule, earned value and earned schedule, variance thresholds and the cost
// report. Money is decimal.Decimal (shopspring) at every boundary and exact to the
// cent: every split of an amount sums back to it.
//
// The cost breakdown ([Breakdown]) holds control accounts (控制账户), work
// packages (工作包) and planning packages (规划包), each package with its budget,
// the schedule activities it covers, a spread curve and, for work packages, an
// earned value technique. A [Baseline] freezes the budgets with the activities'
// dates and calendars; a project keeps up to eleven, numbered 0 to 10 as in MS
// Project, and measures earned value against the one it chooses.
// [SpreadBudgets] time-phases the budgets over the activities' working time into
// days, ISO weeks or months. [Analyze] measures PV, EV and AC at a status date and
// period by period, rolled up to the control accounts and the project, with the
// metrics of [Evaluate] and the earned schedule of [EvaluateSchedule]. A [Store]
// persists breakdowns, baselines, progress and actual costs; [MemStore] keeps them
// in memory, and package storetest checks any implementation.
//
// Rounding, one rule per quantity, each in its doc comment: a spread rounds each
// period's amount by largest remainder (ties to the earliest period), so a
// package's amounts sum to its budget; PV at a status date and EV worked out from
// a percentage, units or factor are rounded to the cent half away from zero; the
// metrics round as [Metrics] says. Inside, amounts are int64 cents, converted
// exactly at the edges.
package cost
