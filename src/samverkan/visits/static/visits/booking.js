// Progressive enhancement of the booking form: "add a row" without a page reload.
// Without JavaScript the same buttons submit the form and the server adds the row.
document.querySelectorAll("button[data-add-row]").forEach((button) => {
  button.addEventListener("click", (event) => {
    const prefix = button.dataset.addRow;
    const template = document.getElementById(`${prefix}-empty`);
    const container = document.getElementById(`${prefix}-rows`);
    const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
    const max = document.getElementById(`id_${prefix}-MAX_NUM_FORMS`);
    if (!template || !container || !total) return;
    const index = parseInt(total.value, 10);
    if (max && index >= parseInt(max.value, 10)) return;
    event.preventDefault();
    const html = template.innerHTML
      .replaceAll("__prefix__", String(index))
      .replaceAll("__number__", String(index + 1));
    container.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    const first = container.lastElementChild.querySelector("input, select, textarea");
    if (first) first.focus();
  });
});
// A row marked "remove" is dimmed; it is left out when the form is sent.
document.addEventListener("change", (event) => {
  const box = event.target;
  if (box.matches('.booking input[type=checkbox][name$="-DELETE"]')) {
    box.closest("fieldset").classList.toggle("row-removed", box.checked);
  }
});
