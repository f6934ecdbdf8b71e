// Package lanyan is an embeddable SDK for project controls on construction and
// engineering projects: CPM scheduling (package schedule), cost control by earned
// value (cost), day-work labour (labour), fund planning (funds) and schedule risk
// (risk).
//
// The root package holds only what every package shares: the [Error] type and the
// sentinel codes [ErrNotFound], [ErrInvalid] and [ErrConflict], which work with
// [errors.Is].
package lanyan
