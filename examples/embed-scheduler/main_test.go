package main

import "os"

// The footbridge's schedule: the Qingming (4–6 April) and Labour Day (1–5 May)
// holidays are skipped on site, 27 April is a make-up working Sunday, the piles
// are bored on Saturdays, and the opening date is missed by two days.
func Example() {
	if err := run(os.Stdout); err != nil {
		panic(err)
	}
	// Output:
	// Riverside footbridge 滨江人行桥: 2025-03-24T08:00 to 2025-05-20T17:00
	//
	// id     name                      early start      early finish     late finish      float
	// A1000  Site set-up               2025-03-24T08:00 2025-03-28T17:00 2025-03-26T17:00  -2d critical
	// A1010  Bored piles               2025-03-29T08:00 2025-04-09T17:00 2025-04-07T17:00  -2d critical
	// A1020  Pile caps                 2025-04-10T08:00 2025-04-17T17:00 2025-04-15T17:00  -2d critical
	// A1030  Piers                     2025-04-22T08:00 2025-04-30T17:00 2025-04-28T17:00  -2d critical
	// A1040  Precast beams (off site)  2025-03-29T08:00 2025-04-12T17:00 2025-04-28T17:00  16d
	// A1050  Erect beams               2025-05-06T08:00 2025-05-08T17:00 2025-05-06T17:00  -2d critical
	// A1060  Deck slab                 2025-05-09T08:00 2025-05-16T17:00 2025-05-14T17:00  -2d critical
	// A1070  Parapets and surfacing    2025-05-14T08:00 2025-05-20T17:00 2025-05-16T17:00  -2d critical
	// M1080  Bridge open               2025-05-20T17:00 2025-05-20T17:00 2025-05-16T17:00  -2d critical
	//
	// longest path: A1000 → A1010 → A1020 → A1030 → A1050 → A1060 → A1070 → M1080
	// Bridge open is due 2025-05-16T17:00: 2 working days late
}
