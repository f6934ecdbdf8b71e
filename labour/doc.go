// Package labour is the day-work labour centre (点工汇总中心). Day work (点工, 计日工)
// is work outside the contracted scope, paid by time at agreed rates and recorded
// on day-work slips (点工单) signed off as site instructions (签证). The package
// holds slips, rates, overtime rules, aggregation, payroll and checks, as pure
// functions over plain values; it imports no other lanyan domain package.
package labour
