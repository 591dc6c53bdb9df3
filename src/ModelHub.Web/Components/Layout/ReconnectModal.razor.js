// Drives the reconnect overlay. The blazor.web.js served here sets its classes itself; the .NET 10
// script instead raises "components-reconnect-state-changed", mapped here onto the same classes.
const modal = document.getElementById("components-reconnect-modal");
const states = ["show", "hide", "failed", "rejected"];

modal.addEventListener("components-reconnect-state-changed", event => {
    const state = event.detail.state;
    if (states.includes(state)) {
        modal.classList.remove(...states.map(s => `components-reconnect-${s}`));
        modal.classList.add(`components-reconnect-${state}`);
    }
});

document.getElementById("components-reconnect-button").addEventListener("click", async () => {
    try {
        // true: reconnected; false: the server answered but no longer knows this session.
        if (!await Blazor.reconnect()) {
            modal.classList.remove("components-reconnect-failed");
            modal.classList.add("components-reconnect-rejected");
        }
    } catch {
        // The server is still unreachable; the overlay keeps offering Retry.
    }
});

document.getElementById("components-reload-button").addEventListener("click", () => location.reload());
