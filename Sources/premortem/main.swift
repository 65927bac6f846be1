print("premortem")
