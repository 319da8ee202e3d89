// Behaviour every page shares.
// 1. The header's menu button: on a narrow screen the main navigation and the account links fold behind it.
//    Without this script the button stays hidden and the menu is always shown, wrapping as the screen needs.
// 2. A table wider than the screen scrolls inside its box (site.css); while it does, it can take the keyboard's
//    focus so that it can be scrolled with the arrow keys too.
(function () {
  const button = document.querySelector('header.top .menu-toggle');
  const menu = document.getElementById('site-menu');
  if (button && menu) {
    document.documentElement.classList.add('menu-script');
    button.hidden = false;
    const setOpen = (open) => {
      button.setAttribute('aria-expanded', String(open));
      menu.classList.toggle('open', open);
    };
    button.addEventListener('click', () => setOpen(button.getAttribute('aria-expanded') !== 'true'));
    menu.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && button.getAttribute('aria-expanded') === 'true') {
        setOpen(false);
        button.focus();
      }
    });
  }

  const markScrollingTables = () => {
    for (const table of document.querySelectorAll('main table')) {
      if (table.scrollWidth > table.clientWidth + 1) {
        table.tabIndex = 0;
      } else if (table.hasAttribute('tabindex')) {
        table.removeAttribute('tabindex');
      }
    }
  };
  markScrollingTables();
  window.addEventListener('resize', markScrollingTables);
})();
