// Starts GraphiQL on this gateway's /graphql, one tab per example query (gateway/ide/examples).
// Everything comes from this gateway: the page's Content-Security-Policy allows no other origin.
(function () {
  var examples = JSON.parse(document.getElementById('examples').textContent);
  // Same origin, JSON POST: passes the gateway's CSRF prevention and CORS; credentials go in the Headers tab.
  var send = GraphiQL.createFetcher({ url: '/graphql' });
  // Right after a tab switch GraphiQL may still send the previous tab's operation name; drop a
  // name the document does not define, so the server runs the tab's only operation.
  var fetcher = function (params, options) {
    var name = params.operationName;
    if (name && !new RegExp('\\b(query|mutation|subscription)\\s+' + name + '\\b').test(params.query)) {
      params = Object.assign({}, params, { operationName: undefined });
    }
    return send(params, options);
  };
  var tabs = examples.map(function (e) { return { query: e.query, variables: e.variables, headers: '{}' }; });
  ReactDOM.createRoot(document.getElementById('ide')).render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultTabs: tabs,
    defaultEditorToolsVisibility: true,
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
  }));
})();
