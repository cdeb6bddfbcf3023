// CallboardCore — the pure domain of a service hotline desk.
//
// Service calls and technicians (Model), the events that change them (Events), commands that
// are validated against the current state and turned into events (Commands), the reducer that
// applies events (Desk), the promise timers (SLA), time arithmetic and text (Time), and the demo
// desk (Demo). Nothing here performs I/O or reads the wall clock: `now` is always given.
