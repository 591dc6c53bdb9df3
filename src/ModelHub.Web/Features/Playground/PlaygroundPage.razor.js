// Brings the answer panels into view when a run starts, so the answers are seen as they stream.
export function scrollIntoView(element) {
    element?.scrollIntoView({ behavior: "smooth", block: "start" });
}
