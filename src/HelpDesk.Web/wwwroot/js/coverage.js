// The filing form's coverage preview: when the product, release, environment, category, modified-source box or
// severity changes, ask the page for the verdict and show it. The release and environment lists follow the product
// (the environments its scope names; all of them with no product). Without this script the "Check coverage" button
// does the same with a round trip.
(() => {
  const form = document.querySelector('form[data-coverage]');
  const box = document.getElementById('coverage');
  const data = document.getElementById('product-releases');
  if (!form || !box || !data) {
    return;
  }

  const releases = JSON.parse(data.textContent || '{}');
  const environmentData = document.getElementById('product-environments');
  const environments = JSON.parse((environmentData && environmentData.textContent) || '{"all":[],"byProduct":{}}');
  const product = form.elements.namedItem('Input.Product');
  const release = form.elements.namedItem('Input.ProductRelease');
  const environment = form.elements.namedItem('Input.Environment');
  const names = ['Input.Product', 'Input.ProductRelease', 'Input.Environment', 'Input.Category', 'Input.ModifiedSource', 'Input.Severity'];
  let pending = null;

  const button = form.querySelector('[data-coverage-button]');
  if (button) {
    button.hidden = true;
  }

  function releasesOf(name) {
    const key = Object.keys(releases).find(k => k.toLowerCase() === (name || '').trim().toLowerCase());
    return key ? releases[key] : [];
  }

  function fillReleases() {
    const list = releasesOf(product.value);
    release.replaceChildren();
    const prompt = document.createElement('option');
    prompt.value = '';
    prompt.textContent = product.value ? 'Choose the release…' : 'Choose the product first…';
    release.append(prompt);
    for (const name of list) {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = name;
      release.append(option);
    }
  }

  function environmentsOf(name) {
    const key = Object.keys(environments.byProduct).find(k => k.toLowerCase() === (name || '').trim().toLowerCase());
    return key ? environments.byProduct[key] : environments.all;
  }

  function fillEnvironments() {
    const list = environmentsOf(product.value);
    const chosen = environment.value;
    environment.replaceChildren();
    const prompt = document.createElement('option');
    prompt.value = '';
    prompt.textContent = 'Choose the environment…';
    environment.append(prompt);
    for (const name of list) {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = name;
      option.selected = name === chosen;
      environment.append(option);
    }
  }

  async function check() {
    const fields = new FormData(form);
    const query = new URLSearchParams();
    for (const name of names) {
      // A checkbox sends "true" when ticked, and its hidden "false" always: the first value is the one that counts.
      const value = fields.get(name);
      if (value !== null) {
        query.set(name, value);
      }
    }

    pending?.abort();
    const controller = new AbortController();
    pending = controller;
    // Busy until the latest question is answered: assistive technology (and the browser tests) wait for the verdict
    // of the fields as they now stand, not one for fields since changed.
    box.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(`${form.dataset.coverage}&${query}`, { signal: controller.signal, credentials: 'same-origin' });
      const html = response.ok ? await response.text() : null;
      if (html !== null && pending === controller) {
        box.innerHTML = html;
      }
    } catch (error) {
      if (error.name !== 'AbortError') {
        throw error;
      }
    } finally {
      if (pending === controller) {
        box.removeAttribute('aria-busy');
      }
    }
  }

  // A product chosen before this script ran (a quick hand, or the browser restoring the form) left the lists as the
  // server drew them for no product: fill them now and ask for the verdict, as the change would have.
  if (product.value && release.options.length <= 1 && releasesOf(product.value).length > 0) {
    fillReleases();
    fillEnvironments();
    check();
  }

  product.addEventListener('change', () => {
    fillReleases();
    fillEnvironments();
    check();
  });
  for (const name of names.slice(1)) {
    const field = form.elements.namedItem(name);
    if (field instanceof RadioNodeList) {
      field.forEach(f => f.addEventListener('change', check));
    } else if (field) {
      field.addEventListener('change', check);
    }
  }
})();
