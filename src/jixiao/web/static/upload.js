/* Upload with progress. The form is sent by XMLHttpRequest so that a bar can show the bytes
   going up (正在上传…) and then the wait while the files are read and checked (正在审核…);
   the page the server answers with then takes the place of this one's content. Without
   JavaScript, or without FormData, the form posts as usual and the same page comes back. */
(function () {
  "use strict";
  if (window.jixiaoUpload || !window.FormData || !window.XMLHttpRequest || !window.DOMParser) {
    return;
  }
  window.jixiaoUpload = true;

  function show(html, status) {
    var answer = new DOMParser().parseFromString(html, "text/html");
    var main = answer.querySelector("main");
    var here = document.querySelector("main");
    if (!main || !here) {
      document.querySelector(".upload-state").textContent = "上传失败（" + status + "），请刷新页面后重试。";
      return;
    }
    here.replaceWith(document.adoptNode(main));
    document.title = answer.title;
    var result = document.getElementById("upload-result");
    if (result) {
      result.scrollIntoView();
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || form.id !== "upload-form") {
      return;
    }
    event.preventDefault();
    var box = form.querySelector(".upload-progress");
    var bar = box.querySelector("progress");
    var state = box.querySelector(".upload-state");
    var button = form.querySelector("button[type=submit]");
    var request = new XMLHttpRequest();
    box.hidden = false;
    bar.value = 0;
    state.textContent = "正在上传…";
    button.disabled = true;
    request.open("POST", form.action);
    request.setRequestHeader("Accept", "text/html");
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable && e.total > 0) {
        bar.value = Math.round(100 * e.loaded / e.total);
        state.textContent = "正在上传… " + bar.value + "%";
      }
    });
    request.upload.addEventListener("load", function () {
      bar.removeAttribute("value");          /* indeterminate: the server reads and checks now */
      state.textContent = "正在审核…";
    });
    request.addEventListener("load", function () {
      show(request.responseText, request.status);
    });
    request.addEventListener("error", function () {
      button.disabled = false;
      box.hidden = false;
      state.textContent = "上传失败：网络中断或服务器未响应，请重试。";
    });
    request.send(new FormData(form));
  });
}());
