// Focus helpers for the playground: keyboard users keep their place when controls come and go.
function focusable(id) {
    const element = document.getElementById(id);
    return element && !element.disabled && element.offsetParent !== null ? element : null;
}

// Focuses the first of the elements (by id) that exists and can take focus.
export function focusFirst(...ids) {
    for (const id of ids) {
        const element = focusable(id);
        if (element) {
            element.focus();
            if (document.activeElement === element) {
                return;
            }
        }
    }
}

// The same, only when focus was lost (the focused control was removed or disabled).
export function focusIfLost(...ids) {
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected || active.disabled) {
        focusFirst(...ids);
    }
}
