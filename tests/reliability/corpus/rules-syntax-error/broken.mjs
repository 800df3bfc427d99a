// A rule module that is not valid JavaScript.
export default {
  id: "ORG-03",
  evaluate( {
