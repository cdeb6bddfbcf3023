// CallboardTUI — the screen.
//
// Text: display width, sanitising and fitting of text for a terminal. Presenters: pure functions
// from desk state to rows, cells and reports (shared with the command line's `list` and `show`).
// Screen: frames, the console's layout and its keymap. Terminal: the ncurses wrapper.
// Console: the run loop that follows the journal, ticks the clock and dispatches keys.
