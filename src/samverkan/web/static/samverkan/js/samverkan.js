// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target.matches("select[data-autosubmit]")) {
    target.form.requestSubmit();
  }
});
document.querySelectorAll("select[data-autosubmit] + button").forEach((button) => {
  button.classList.add("visually-hidden");
});
