// A button with data-copy="id" copies the text of the element with that id; the button stays hidden without script.
document.querySelectorAll('[data-copy]').forEach((button) => {
    const target = document.getElementById(button.dataset.copy);
    const status = button.parentElement.querySelector('[data-copy-status]');
    if (!target || !navigator.clipboard) {
        return;
    }

    button.hidden = false;
    button.addEventListener('click', async () => {
        try {
            await navigator.clipboard.writeText(target.textContent.trim());
            if (status) { status.textContent = 'Copied.'; }
        } catch {
            if (status) { status.textContent = 'Copying was refused; select the token and copy it yourself.'; }
        }
    });
});
