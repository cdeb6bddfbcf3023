# Shared by the notification recipes beside it (wecom, dingtalk, feishu, sms-http): sourced, not
# run. POSIX sh; needs only curl, openssl (SHA-256), od and the base utilities (awk, sed, tr).
#
# The recipes are run by callboard's Notifier (`notify:` in desk.yaml, or --notify-command) with
# the call's fields in CALLBOARD_* variables (README, "Notifications"). Each composes a short
# message, posts it, and exits non-zero when it did not go out, so that callboard tries again
# and records the failure: 78 a setting is missing, 75 the request did not get an answer (curl),
# 1 the platform answered with an error. On failure one line says why (callboard records it).
#
# Secrets stay off command lines (where `ps` would show them to every user of the host): the
# HMAC is computed here around `openssl dgst -sha256` on standard input, and curl reads the URL
# (which carries a webhook's key or token) from its configuration on standard input.

# The recipe's name, for messages.
cb_name=${0##*/}

cb_fail() { # STATUS TEXT: says why on one line and exits
    printf '%s: %s\n' "$cb_name" "$2" >&2
    exit "$1"
}

# The desk's settings file (CALLBOARD_NOTIFY_ENV, default /etc/callboard/notify.env): lines
# CALLBOARD_…=value, for the settings every process that may send a message needs (the watch,
# and each console, which sends the messages of the escalations it records). Read as data, never
# run; a variable already in the environment wins. Keep it 0640, root's, in the desk's group.
# Windows line endings and a UTF-8 byte order mark are taken off, as `callboard doctor` does.
cb_settings=${CALLBOARD_NOTIFY_ENV:-/etc/callboard/notify.env}

# Whether FILE may hold the desk's settings: its owner is root or whoever runs this, and nobody
# else may write it (no group or world write bit), since whoever writes it chooses where every
# escalation, with customers' names and numbers, is sent. Says why not on standard output.
# `callboard doctor` applies the same rule (DoctorChecks.settingsFile).
cb_settings_problem() { # FILE
    cb_stat=$(stat -L -c '%u %a %U' -- "$1" 2>/dev/null) || { printf 'cannot be examined (stat)'; return 0; }
    cb_owner=${cb_stat%% *}
    cb_mode=${cb_stat#* }
    cb_owner_name=${cb_mode#* }
    cb_mode=${cb_mode%% *}
    if [ "$cb_owner" != 0 ] && [ "$cb_owner" != "$(id -u)" ]; then
        printf 'belongs to %s, neither root nor you (%s): chown root %s' "$cb_owner_name" "$(id -un)" "$1"
    elif [ $((0$cb_mode & 022)) != 0 ]; then
        printf 'may be written by others than its owner (mode %04o): chmod go-w %s' "0$cb_mode" "$1"
    fi
    return 0
}

if [ -f "$cb_settings" ] && [ -r "$cb_settings" ]; then
    cb_problem=$(cb_settings_problem "$cb_settings")
    if [ -n "$cb_problem" ]; then
        printf '%s: %s\n' "$cb_name" "the settings file $cb_settings $cb_problem (others could send the desk's messages elsewhere)" >&2
        exit 78
    fi
    cb_cr=$(printf '\r')
    cb_bom=$(printf '\357\273\277')
    cb_first=1
    while IFS= read -r cb_line || [ -n "$cb_line" ]; do
        [ $cb_first = 1 ] && cb_line=${cb_line#"$cb_bom"}
        cb_first=0
        cb_line=${cb_line%"$cb_cr"}
        case "$cb_line" in CALLBOARD_*=*) ;; *) continue ;; esac
        cb_setting=${cb_line%%=*}
        case "$cb_setting" in *[!A-Z0-9_]*) continue ;; esac
        cb_value=${cb_line#*=}
        case "$cb_value" in \"*\") cb_value=${cb_value#\"}; cb_value=${cb_value%\"} ;; \'*\') cb_value=${cb_value#\'}; cb_value=${cb_value%\'} ;; esac
        eval "cb_set=\${$cb_setting:+x}"
        [ -n "$cb_set" ] || export "$cb_setting=$cb_value"
    done <"$cb_settings"
fi

cb_require() { # VARIABLE: a setting that must be there
    eval "cb_value=\${$1:-}"
    [ -n "$cb_value" ] || cb_fail 78 "$1 is not set (in the environment, or in $cb_settings); see README, Notification recipes"
}

for cb_tool in curl openssl od; do
    command -v "$cb_tool" >/dev/null 2>&1 || cb_fail 78 "$cb_tool is missing; install it (apt-get install $cb_tool)"
done

# Text as the inside of a JSON string: quotes, backslashes and line breaks escaped, every other
# control character as \u00XX, everything else (Chinese included) as it is. Reads standard input.
cb_json_escape() {
    od -An -v -tu1 | LC_ALL=C awk '
        { for (i = 1; i <= NF; i++) {
            b = $i + 0
            if (b == 34) printf "\\\""
            else if (b == 92) printf "\\\\"
            else if (b == 10) printf "\\n"
            else if (b == 13) printf "\\r"
            else if (b == 9) printf "\\t"
            else if (b < 32 || b == 127) printf "\\u%04x", b
            else printf "%c", b
        } }'
}

cb_json() { # TEXT: a JSON string, quotes included
    printf '"'
    printf '%s' "$1" | cb_json_escape
    printf '"'
}

# HMAC-SHA256 (RFC 2104) of MESSAGE under KEY, base64: the key's pads are made here, so that
# only hashes of them reach openssl, on standard input.
cb_hmac_sha256_base64() { # KEY MESSAGE
    cb_message=$2
    if [ "$(printf '%s' "$1" | wc -c)" -gt 64 ]; then # a long key is hashed first
        cb_key_bytes=$(printf '%s' "$1" | openssl dgst -sha256 -binary | od -An -v -tu1)
    else
        cb_key_bytes=$(printf '%s' "$1" | od -An -v -tu1)
    fi
    cb_inner=$(cb_pad 54 $cb_key_bytes)
    cb_outer=$(cb_pad 92 $cb_key_bytes)
    { printf "$cb_outer"; { printf "$cb_inner"; printf '%s' "$cb_message"; } | openssl dgst -sha256 -binary; } \
        | openssl dgst -sha256 -binary | cb_base64
}

cb_pad() { # PAD BYTE…: the key's 64 bytes XOR PAD, as printf octal escapes
    cb_with=$1
    shift
    cb_n=0
    while [ $cb_n -lt 64 ]; do
        if [ $# -gt 0 ]; then cb_byte=$1; shift; else cb_byte=0; fi
        printf '\\%03o' $((cb_byte ^ cb_with))
        cb_n=$((cb_n + 1))
    done
}

cb_base64() { # standard input as one line of base64
    if command -v base64 >/dev/null 2>&1; then base64 | tr -d '\n'; else openssl base64 -A; fi
}

cb_url_encode_base64() { # base64 text fit for a query string
    printf '%s' "$1" | sed -e 's/+/%2B/g' -e 's,/,%2F,g' -e 's/=/%3D/g'
}

# The language of the message: CALLBOARD_NOTIFY_LANG, else the desk's (CALLBOARD_LANG), else
# Chinese. English only when one of them says en.
cb_english() {
    case "${CALLBOARD_NOTIFY_LANG:-${CALLBOARD_LANG:-zh}}" in en*) return 0 ;; *) return 1 ;; esac
}

# The message about the event, a few short lines (SHORT=1: one line, for SMS). The step, whom it
# tells, the timer and its state are said by the labels callboard passes when they are in the
# message's language (CALLBOARD_LABELS_LANG), else by the policy's names; times as the console
# shows them (CALLBOARD_DEADLINE_TEXT, CALLBOARD_ACCEPT_BY_TEXT) when given, else in ISO 8601.
cb_message() { # [SHORT]
    cb_short=${1:-0}
    if cb_english; then cb_lang=en; else cb_lang=zh; fi
    case "${CALLBOARD_LABELS_LANG:-}" in
        "$cb_lang"*)
            cb_step=${CALLBOARD_STEP_LABEL:-${CALLBOARD_STEP:-}}
            cb_notify=${CALLBOARD_NOTIFY_LABEL:-${CALLBOARD_NOTIFY:-}}
            cb_timer_name=${CALLBOARD_TIMER_LABEL:-${CALLBOARD_TIMER:-}}
            cb_state=${CALLBOARD_TIMER_STATE_LABEL:-${CALLBOARD_TIMER_STATE:-}} ;;
        *)
            cb_step=${CALLBOARD_STEP:-}
            cb_notify=${CALLBOARD_NOTIFY:-}
            cb_timer_name=${CALLBOARD_TIMER:-}
            cb_state=${CALLBOARD_TIMER_STATE:-} ;;
    esac
    cb_due=${CALLBOARD_DEADLINE_TEXT:-${CALLBOARD_DEADLINE:-}}
    cb_accept_by=${CALLBOARD_ACCEPT_BY_TEXT:-${CALLBOARD_ACCEPT_BY:-}}
    if cb_english; then
        case "${CALLBOARD_EVENT:-}" in
            dispatch_requested) cb_head="Dispatch: ${CALLBOARD_TECH:-} ${CALLBOARD_TECH_NAME:-}, please accept ${CALLBOARD_CALL:-} by ${cb_accept_by} (callboard accept ${CALLBOARD_CALL:-})" ;;
            realerted) cb_head="Again: ${CALLBOARD_CALL:-} ${cb_step} (to ${cb_notify})" ;;
            *) cb_head="Escalation: ${CALLBOARD_CALL:-} ${cb_step} (to ${cb_notify})" ;;
        esac
        cb_timer=${CALLBOARD_TIMER:+Timer: ${cb_timer_name} ${cb_state}${cb_due:+, due ${cb_due}}}
        cb_customer="Customer: ${CALLBOARD_CUSTOMER:-} ${CALLBOARD_PHONE:-}"
        cb_fault="Fault: ${CALLBOARD_SUMMARY:-}${CALLBOARD_LEVEL:+ (level ${CALLBOARD_LEVEL}${CALLBOARD_REGION:+, ${CALLBOARD_REGION}})}"
        cb_tech=${CALLBOARD_TECH_NAME:+Engineer: ${CALLBOARD_TECH:-} ${CALLBOARD_TECH_NAME} ${CALLBOARD_TECH_PHONE:-}}
        cb_lapsed=${CALLBOARD_LAPSED:+Let it lapse: ${CALLBOARD_LAPSED}}
    else
        case "${CALLBOARD_EVENT:-}" in
            dispatch_requested) cb_head="派单：请 ${CALLBOARD_TECH:-} ${CALLBOARD_TECH_NAME:-} 在 ${cb_accept_by} 前接单 ${CALLBOARD_CALL:-}（callboard accept ${CALLBOARD_CALL:-}）" ;;
            realerted) cb_head="再次提醒：${CALLBOARD_CALL:-} ${cb_step}（通知 ${cb_notify}）" ;;
            *) cb_head="升级：${CALLBOARD_CALL:-} ${cb_step}（通知 ${cb_notify}）" ;;
        esac
        cb_timer=${CALLBOARD_TIMER:+计时：${cb_timer_name} ${cb_state}${cb_due:+，截止 ${cb_due}}}
        cb_customer="客户：${CALLBOARD_CUSTOMER:-} ${CALLBOARD_PHONE:-}"
        cb_fault="故障：${CALLBOARD_SUMMARY:-}${CALLBOARD_LEVEL:+（${CALLBOARD_LEVEL} 级${CALLBOARD_REGION:+，${CALLBOARD_REGION}}）}"
        cb_tech=${CALLBOARD_TECH_NAME:+技术员：${CALLBOARD_TECH:-} ${CALLBOARD_TECH_NAME} ${CALLBOARD_TECH_PHONE:-}}
        cb_lapsed=${CALLBOARD_LAPSED:+未接单：${CALLBOARD_LAPSED}}
    fi
    if [ "$cb_short" = 1 ]; then
        printf '[Callboard] %s %s' "$cb_head" "${CALLBOARD_CUSTOMER:-}"
        return
    fi
    printf '[Callboard] %s' "$cb_head"
    for cb_line in "$cb_timer" "$cb_customer" "$cb_fault" "$cb_tech" "$cb_lapsed"; do
        [ -n "$cb_line" ] && printf '\n%s' "$cb_line"
    done
    return 0
}

# TEXT cut to at most MAX bytes, at the start of a character (never inside a UTF-8 sequence).
cb_cut() { # TEXT MAX
    cb_keep=$(printf '%s' "$1" | od -An -v -tu1 | LC_ALL=C awk -v max="$2" '
        { for (i = 1; i <= NF; i++) { n++; if (n <= max + 1) b[n] = $i + 0 } }
        END { if (n <= max) { print n; exit }
              k = max; while (k > 0 && b[k + 1] >= 128 && b[k + 1] < 192) k--; print k }')
    printf '%s' "$1" | head -c "$cb_keep"
}

cb_bytes() { # TEXT: its length in bytes
    printf '%s' "$1" | wc -c | tr -d ' '
}

# The message (cb_message) in at most MAX bytes of UTF-8 (empty or 0: no limit), for platforms
# that refuse longer text: the fault's summary is shortened first, ending with "…", so that the
# head, the timer and the customer stay whole; only if that is not enough is the end cut.
# The cut is made before JSON escaping, so it never falls inside an escape.
cb_message_within() { # MAX [SHORT]
    cb_max=${1:-0}
    cb_text=$(cb_message "${2:-0}")
    case "$cb_max" in '' | *[!0-9]*) cb_max=0 ;; esac
    if [ "$cb_max" = 0 ] || [ "$(cb_bytes "$cb_text")" -le "$cb_max" ]; then
        printf '%s' "$cb_text"
        return 0
    fi
    cb_ellipsis='…'
    cb_over=$(($(cb_bytes "$cb_text") - cb_max + 3))
    cb_summary_bytes=$(cb_bytes "${CALLBOARD_SUMMARY:-}")
    if [ "${2:-0}" != 1 ] && [ "$cb_summary_bytes" -gt "$cb_over" ]; then
        cb_text=$(CALLBOARD_SUMMARY="$(cb_cut "$CALLBOARD_SUMMARY" $((cb_summary_bytes - cb_over)))$cb_ellipsis" cb_message "${2:-0}")
        if [ "$(cb_bytes "$cb_text")" -le "$cb_max" ]; then
            printf '%s' "$cb_text"
            return 0
        fi
    fi
    [ "$cb_max" -gt 3 ] || cb_max=4
    printf '%s%s' "$(cb_cut "$cb_text" $((cb_max - 3)))" "$cb_ellipsis"
}

# Phone numbers to mention: the list in VARIABLE (separated by commas; @all allowed), and the
# engineer's number when the step tells the technician. Digits only (and @all), one per line;
# a leading +86 / 0086 before an 11-digit mainland mobile is dropped.
cb_mobiles() { # VARIABLE
    eval "cb_list=\${$1:-}"
    if [ "${CALLBOARD_NOTIFY:-}" = technician ] && [ -n "${CALLBOARD_TECH_PHONE:-}" ]; then
        cb_list="$cb_list,${CALLBOARD_TECH_PHONE}"
    fi
    printf '%s\n' "$cb_list" | tr ',;' '\n\n' | while IFS= read -r cb_m; do
        case "$cb_m" in
            *@all*) printf '@all\n' ;;
            *) cb_digits=$(printf '%s' "$cb_m" | tr -cd '0-9')
               # A mainland mobile with the country code (+86 139…, 0086 139…) is mentioned as
               # the 11-digit number the robots know the member by.
               case "$cb_digits" in 861??????????) cb_digits=${cb_digits#86} ;; 00861??????????) cb_digits=${cb_digits#0086} ;; esac
               [ -z "$cb_digits" ] || printf '%s\n' "$cb_digits" ;;
        esac
    done | awk '!seen[$0]++'
}

cb_json_array() { # lines on standard input as a JSON array of strings
    printf '['
    cb_first=1
    while IFS= read -r cb_item; do
        [ $cb_first = 1 ] || printf ','
        cb_json "$cb_item"
        cb_first=0
    done
    printf ']'
}

# Posts the file BODY to URL as CONTENT_TYPE; the answer's body goes to standard output. The URL
# goes to curl on standard input, never on its command line. Fails (75) when no answer came
# (say why), and (1) on an HTTP status other than 2xx.
cb_post() { # URL BODY CONTENT_TYPE [HEADER]
    cb_answer=$(
        {
            printf 'url = "%s"\n' "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"
            [ -n "${4:-}" ] && printf 'header = "%s"\n' "$(printf '%s' "$4" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"
        } | curl --silent --show-error --max-time "${CALLBOARD_NOTIFY_TIMEOUT:-8}" --config - \
                --request POST --header "Content-Type: $3" --data-binary "@$2" \
                --write-out '\n%{http_code}' 2>&1
    ) || cb_fail 75 "no answer: $(printf '%s' "$cb_answer" | head -n 1)"
    cb_status=$(printf '%s' "$cb_answer" | tail -n 1)
    cb_body=$(printf '%s' "$cb_answer" | sed '$d')
    case "$cb_status" in
        2??) printf '%s' "$cb_body" ;;
        *) cb_fail 1 "HTTP $cb_status: $(printf '%s' "$cb_body" | head -n 1 | cut -c1-200)" ;;
    esac
}

# A number field of a JSON answer (errcode, code, StatusCode); empty when it has none.
cb_field() { # NAME ANSWER
    printf '%s' "$2" | tr -d '\n' | sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\(-\{0,1\}[0-9][0-9]*\).*/\1/p"
}

cb_body_file=$(mktemp "${TMPDIR:-/tmp}/callboard-notify.XXXXXX") || cb_fail 75 "cannot make a temporary file"
trap 'rm -f "$cb_body_file"' EXIT
