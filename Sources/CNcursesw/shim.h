// The only C in Callboard: small inline wrappers over ncursesw for what Swift cannot reach
// directly (macros, mutable globals that Swift 6 concurrency checking rejects), plus signal
// flags set from a C handler so that Swift never runs inside a signal handler.
#ifndef CALLBOARD_NCURSESW_SHIM_H
#define CALLBOARD_NCURSESW_SHIM_H

// SwiftPM drops pkg-config's -D_XOPEN_SOURCE, so ask for the wide-character API here.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

int wcwidth(wchar_t c);
int setupterm(const char *term, int filedes, int *errret);

// MARK: locale

/// Adopts the user's locale; if its character set is not UTF-8, falls back to C.UTF-8 for
/// character classification so that Chinese text is measured and drawn as wide characters.
/// Returns 1 when the resulting character set is UTF-8.
static inline int cb_adopt_utf8_locale(void) {
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    if (codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0)) return 1;
    if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) return 0;
    codeset = nl_langinfo(CODESET);
    return codeset && strcmp(codeset, "UTF-8") == 0;
}

/// Display columns taken by one code point: 2 for CJK and other wide characters, 0 for
/// combining marks, -1 for control characters (per the C library under a UTF-8 locale).
static inline int cb_wcwidth(unsigned int codepoint) { return wcwidth((wchar_t)codepoint); }

// MARK: what `callboard doctor` asks of the system

/// The character set of the locale the environment names (LC_ALL, LC_CTYPE, LANG), adopted
/// for the whole process; NULL when that locale is not installed here (the process stays in C).
static inline const char *cb_environment_codeset(void) {
    if (setlocale(LC_ALL, "") == NULL) return NULL;
    return nl_langinfo(CODESET);
}

/// Whether the terminfo database knows the terminal type `term`: 1 (its number of colours in
/// *colors, -1 when it has none), 0 not known, -1 no terminfo database at all. Reads the
/// database only: no screen is started and nothing is written to the terminal. *addressable
/// is 1 when the type can move the cursor anywhere and clear the screen (`cup` and `clear`),
/// which the console needs to draw at all (TERM=dumb has neither).
static inline int cb_terminfo(const char *term, int *colors, int *addressable) {
    int err = 0;
    if (setupterm(term, STDOUT_FILENO, &err) != 0) return err == -1 ? -1 : 0;
    *colors = tigetnum("colors");
    char *cup = tigetstr("cup"), *clear = tigetstr("clear");
    *addressable = cup != NULL && cup != (char *)-1 && clear != NULL && clear != (char *)-1;
    return 1;
}

// MARK: screen globals and macros

/// Starts curses on the process's terminal. Unlike initscr, which prints and exits when the
/// terminal type is unknown, this returns 0 so the caller can say so in its own words.
static inline int cb_start_screen(void) {
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (screen == NULL) return 0;
    set_term(screen);
    return 1;
}

/// Makes the next refresh repaint everything, for when the screen was scribbled on.
static inline void cb_repaint_all(void) { clearok(curscr, TRUE); }

static inline WINDOW *cb_stdscr(void) { return stdscr; }
static inline int cb_lines(void) { return LINES; }
static inline int cb_cols(void) { return COLS; }
static inline int cb_colors(void) { return COLORS; }
static inline int cb_move(int y, int x) { return move(y, x); }
static inline int cb_unget(unsigned int c) { return unget_wch((wchar_t)c); }
static inline int cb_keypad(int on) { return keypad(stdscr, on ? TRUE : FALSE); }

static inline unsigned int cb_a_normal(void) { return (unsigned int)A_NORMAL; }
static inline unsigned int cb_a_bold(void) { return (unsigned int)A_BOLD; }
static inline unsigned int cb_a_dim(void) { return (unsigned int)A_DIM; }
static inline unsigned int cb_a_reverse(void) { return (unsigned int)A_REVERSE; }
static inline unsigned int cb_a_underline(void) { return (unsigned int)A_UNDERLINE; }
static inline unsigned int cb_color_pair(int n) { return (unsigned int)COLOR_PAIR(n); }

static inline int cb_key_resize(void) { return KEY_RESIZE; }
static inline int cb_key_up(void) { return KEY_UP; }
static inline int cb_key_down(void) { return KEY_DOWN; }
static inline int cb_key_left(void) { return KEY_LEFT; }
static inline int cb_key_right(void) { return KEY_RIGHT; }
static inline int cb_key_ppage(void) { return KEY_PPAGE; }
static inline int cb_key_npage(void) { return KEY_NPAGE; }
static inline int cb_key_home(void) { return KEY_HOME; }
static inline int cb_key_end(void) { return KEY_END; }
static inline int cb_key_enter(void) { return KEY_ENTER; }
static inline int cb_key_backspace(void) { return KEY_BACKSPACE; }
static inline int cb_key_btab(void) { return KEY_BTAB; }
static inline int cb_key_dc(void) { return KEY_DC; }
static inline int cb_key_f(int n) { return KEY_F(n); }
static inline int cb_key_code_yes(void) { return KEY_CODE_YES; }

/// Draws `n` wide characters at (y, x) with attributes `attrs` and returns ncurses' status.
/// Code points come as 32-bit values, which is what wchar_t is on Linux and macOS.
static inline int cb_put(int y, int x, const unsigned int *text, int n, unsigned int attrs) {
    attrset((attr_t)attrs);
    int rc = mvaddnwstr(y, x, (const wchar_t *)text, n);
    attrset(A_NORMAL);
    return rc;
}

/// Reads one key or character: returns KEY_CODE_YES for function keys, OK for characters,
/// ERR on timeout; the value is stored in *out.
static inline int cb_get_wch(unsigned int *out) {
    wint_t ch = 0;
    int rc = get_wch(&ch);
    *out = (unsigned int)ch;
    return rc;
}

/// Asks the terminal to mark pasted text (bracketed paste: ESC[200~ before it, ESC[201~ after)
/// or to stop. Written straight to the terminal: it is a mode of the terminal, not something
/// drawn, and must be off again whenever the console gives the terminal back.
static inline void cb_bracketed_paste(int on) {
    fflush(stdout);
    const char *sequence = on ? "\033[?2004h" : "\033[?2004l";
    ssize_t written = write(STDOUT_FILENO, sequence, strlen(sequence));
    (void)written;
}

// MARK: signals

/// Set by the handlers below; read and cleared by the run loop. Weak, so that every Swift file
/// that imports this header shares one flag instead of getting a private copy.
__attribute__((weak)) volatile sig_atomic_t cb_pending_signal = 0;

static void cb_note_signal(int signo) { cb_pending_signal = signo; }

/// Routes SIGINT, SIGTERM and SIGHUP to a flag the run loop checks, so the console can restore
/// the terminal and stop cleanly instead of dying with the screen in raw mode. A parent may have
/// started us with these (or SIGWINCH, which ncurses needs for resizes) blocked or ignored:
/// unblock them and give SIGWINCH its default action back before ncurses starts.
static inline void cb_install_stop_signal_handlers(void) {
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGINT);
    sigaddset(&wanted, SIGTERM);
    sigaddset(&wanted, SIGHUP);
    sigaddset(&wanted, SIGWINCH);
    sigprocmask(SIG_UNBLOCK, &wanted, NULL);
    signal(SIGWINCH, SIG_DFL);

    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = cb_note_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
}

/// Whether Ctrl-C (SIGINT) came since the last look; takes it, leaving any other stop signal
/// for the run loop. Signals are held off meanwhile, so none is lost between look and take.
static inline int cb_take_pending_interrupt(void) {
    sigset_t stops, previous;
    sigemptyset(&stops);
    sigaddset(&stops, SIGINT);
    sigaddset(&stops, SIGTERM);
    sigaddset(&stops, SIGHUP);
    sigprocmask(SIG_BLOCK, &stops, &previous);
    int interrupted = cb_pending_signal == SIGINT;
    if (interrupted) cb_pending_signal = 0;
    sigprocmask(SIG_SETMASK, &previous, NULL);
    return interrupted;
}

/// The signal that asked the console to stop, or 0; clears it.
static inline int cb_take_pending_signal(void) {
    int signo = cb_pending_signal;
    cb_pending_signal = 0;
    return signo;
}

// MARK: suspending (Ctrl-Z)

/// Set when Ctrl-Z (SIGTSTP) asks the console to suspend; the run loop suspends at a safe point.
__attribute__((weak)) volatile sig_atomic_t cb_pending_suspend = 0;

static void cb_note_suspend(int signo) { (void)signo; cb_pending_suspend = 1; }

/// Routes SIGTSTP to a flag, before ncurses starts (so ncurses keeps its own handler out).
/// ncurses' handler would end the screen, stop and repaint inside the signal handler, wherever
/// the signal lands: in the middle of a frame, or while this process holds the journal's lock,
/// which would hold up every other console and the night watch until `fg`. A parent that
/// ignores SIGTSTP (no job control) keeps it ignored.
static inline void cb_catch_suspend(void) {
    struct sigaction current;
    if (sigaction(SIGTSTP, NULL, &current) != 0 || current.sa_handler == SIG_IGN) return;
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGTSTP);
    sigaddset(&wanted, SIGCONT);
    sigprocmask(SIG_UNBLOCK, &wanted, NULL);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = cb_note_suspend;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTSTP, &action, NULL);
}

/// Whether Ctrl-Z asked the console to suspend; clears it.
static inline int cb_take_pending_suspend(void) {
    int asked = cb_pending_suspend;
    cb_pending_suspend = 0;
    return asked;
}

/// Stops this process as Ctrl-Z would have (the shell sees the job stopped) and returns when
/// it is continued (`fg`). The caller has put the terminal back first. SIGTSTP is raised on this
/// thread with its default action, so the stop takes effect before `raise` returns; the flag
/// handler is back in place afterwards.
static inline void cb_stop_until_continued(void) {
    struct sigaction stop, previous;
    memset(&stop, 0, sizeof stop);
    stop.sa_handler = SIG_DFL;
    sigemptyset(&stop.sa_mask);
    sigaction(SIGTSTP, &stop, &previous);
    raise(SIGTSTP);
    sigaction(SIGTSTP, &previous, NULL);
    cb_pending_suspend = 0;
}

/// After a suspension: takes the terminal's size as it is now (it may have been resized while
/// the console was stopped, and no SIGWINCH reaches a stopped job) and makes the next refresh
/// repaint everything (the shell wrote over the screen meanwhile).
static inline void cb_resume_screen(void) {
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_row > 0 && size.ws_col > 0
        && is_term_resized(size.ws_row, size.ws_col)) {
        resize_term(size.ws_row, size.ws_col);
    }
    clearok(curscr, TRUE);
}

#endif
