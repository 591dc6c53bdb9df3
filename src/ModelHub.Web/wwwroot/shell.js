// The app bar's menus (account, price changes) open, close and move focus here in the browser: a MudMenu per
// menu was a dozen components held by every open page's circuit. Markup the server renders:
//   <button data-mh-menu aria-controls="ID" aria-expanded="false"> and <div id="ID" role="menu" hidden> with
//   [role=menuitem] children. Enter or Space opens a menu with focus on its first item, the arrows move between
//   items, Escape closes it and returns focus to its button, a click elsewhere or Tab closes it.
// The server renders aria-expanded and hidden once and never changes them, so its later renders keep what is set here.
(() => {
    const openMenus = new Set();
    const panelOf = button => document.getElementById(button.getAttribute('aria-controls'));
    const itemsOf = panel => [...panel.querySelectorAll('[role=menuitem]')].filter(i => i.getAttribute('aria-disabled') !== 'true');

    function open(button, focusFirstItem) {
        for (const other of [...openMenus]) {
            close(other, false);
        }

        const panel = panelOf(button);
        panel.hidden = false;
        button.setAttribute('aria-expanded', 'true');
        openMenus.add(button);
        const first = itemsOf(panel)[0] ?? panel.querySelector('[role=menuitem]');
        if (focusFirstItem && first) {
            first.focus();
        }
    }

    function close(button, returnFocus) {
        const panel = panelOf(button);
        if (panel) {
            panel.hidden = true;
        }

        button.setAttribute('aria-expanded', 'false');
        openMenus.delete(button);
        if (returnFocus && button.isConnected) {
            button.focus();
        }
    }

    // Capture phase: runs before Blazor's own link interception, so a page that is not interactive loads in full.
    document.addEventListener('click', event => {
        const reload = event.target.closest?.('a[data-mh-reload]');
        if (reload && event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey) {
            event.preventDefault();
            location.assign(reload.href);
        }
    }, true);

    document.addEventListener('click', event => {
        const button = event.target.closest?.('[data-mh-menu]');
        if (button) {
            // detail is 0 when Enter or Space pressed the button: keyboard users land on the first item.
            button.getAttribute('aria-expanded') === 'true' ? close(button, false) : open(button, event.detail === 0);
            return;
        }

        for (const menuButton of [...openMenus]) {
            const panel = panelOf(menuButton);
            if (!panel || !panel.contains(event.target) || event.target.closest('[role=menuitem]')) {
                close(menuButton, false);
            }
        }
    });

    document.addEventListener('keydown', event => {
        const menuButton = [...openMenus].find(b => panelOf(b)?.contains(event.target) || b === event.target);
        if (!menuButton) {
            return;
        }

        const items = itemsOf(panelOf(menuButton));
        const at = items.indexOf(document.activeElement);
        const moveTo = index => {
            event.preventDefault();
            items[(index + items.length) % items.length]?.focus();
        };
        switch (event.key) {
            case 'Escape':
                event.preventDefault();
                close(menuButton, true);
                break;
            case 'Tab':
                close(menuButton, false);
                break;
            case 'ArrowDown':
                moveTo(at + 1);
                break;
            case 'ArrowUp':
                moveTo(at < 0 ? -1 : at - 1);
                break;
            case 'Home':
                moveTo(0);
                break;
            case 'End':
                moveTo(-1);
                break;
        }
    });

    // The navigation drawer's default (open beside the page, or closed over it) follows this width; see app.css.
    window.mhShell = { isWide: () => matchMedia('(min-width: 960px)').matches };
})();
