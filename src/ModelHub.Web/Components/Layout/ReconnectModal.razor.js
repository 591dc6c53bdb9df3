// Drives the reconnect overlay from .NET 10's "components-reconnect-state-changed" event, showing the
// paragraph and buttons that fit each state through the components-reconnect-* classes.
const modal = document.getElementById("components-reconnect-modal");
const classes = ["show", "failed", "rejected"].map(s => `components-reconnect-${s}`);
// .NET 10's states, folded onto the three the overlay shows.
const shownAs = { show: "show", retrying: "show", failed: "failed", rejected: "rejected", "resume-failed": "rejected", paused: "failed" };

function showState(state) {
    modal.classList.remove(...classes);
    if (shownAs[state]) {
        modal.classList.add(`components-reconnect-${shownAs[state]}`);
    }
}

modal.addEventListener("components-reconnect-state-changed", event => showState(event.detail.state));

document.getElementById("components-reconnect-button").addEventListener("click", async () => {
    try {
        // true: reconnected; false: the server answered but no longer knows this circuit, so try to
        // resume it from the state the server persisted; failing that, the page must be reloaded.
        if (await Blazor.reconnect()) {
            showState("hide");
        } else if (await Blazor.resumeCircuit()) {
            showState("hide");
        } else {
            showState("rejected");
        }
    } catch {
        // The server is still unreachable; the overlay keeps offering Retry.
        showState("failed");
    }
});

document.getElementById("components-reload-button").addEventListener("click", () => location.reload());
