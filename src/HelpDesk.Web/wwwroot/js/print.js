// A button marked data-print prints the page (the print style sheet leaves only the report on paper).
document.querySelectorAll('[data-print]').forEach((button) => button.addEventListener('click', () => window.print()));
