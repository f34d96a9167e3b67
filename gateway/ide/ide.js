// Starts GraphiQL on this gateway's /graphql, one tab per example query (gateway/ide/examples).
// Everything comes from this gateway: the page's Content-Security-Policy allows no other origin.
(function () {
  var examples = JSON.parse(document.getElementById('examples').textContent);
  // Same origin, JSON POST: passes the gateway's CSRF prevention and CORS; credentials go in the Headers tab.
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  var tabs = examples.map(function (e) { return { query: e.query, variables: e.variables, headers: '{}' }; });
  ReactDOM.createRoot(document.getElementById('ide')).render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultTabs: tabs,
    defaultEditorToolsVisibility: true,
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
  }));
})();
