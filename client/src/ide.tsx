document.getElementById("ide")!.textContent = "Query IDE";
