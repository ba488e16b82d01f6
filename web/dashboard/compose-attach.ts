// The compose page: choosing a file attaches it at once and brings back what each carrier profile
// would send, as "Attach and preview" does without script (the server fits it; nothing is sent).

function start(): void {
  const file = document.getElementById('file');
  const attach = document.querySelector<HTMLButtonElement>('form.compose button[value=attach]');
  if (!(file instanceof HTMLInputElement) || !attach || !attach.form) return;
  const form = attach.form;
  file.addEventListener('change', () => {
    if (!file.files || file.files.length === 0) return;
    attach.textContent = 'Attaching…';
    // The button is the submitter, so the form posts action=attach as if it were pressed.
    form.requestSubmit(attach);
  });
}

start();
