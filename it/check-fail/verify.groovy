import groovy.json.JsonSlurper

// both invocations write to this one log
def log = new File(basedir, 'build.log').text
def pct = { double a -> String.format(Locale.ROOT, '%.2f %%', 100 * a) }
def first = new JsonSlurper().parse(new File(basedir, 'target/ssgan/labeled-10pct/seed-1/result.json')).testAccuracy as double

// 1: the failure names the experiment, the rule, the value and the limit, in the log line and in the build's error
def mean = log.find(/FAIL rule 1, labeled-10pct, minimumAccuracy: mean accuracy (\d+\.\d\d) % < 99\.90 %/) { all, m -> m }
assert mean : 'no FAIL line naming the experiment and the limit 99.90 %'
assert log.contains('ssgan:check: 1 of 1 check(s) failed:')
assert log.count('BUILD FAILURE') == 2

// 2: seed 2 is declared but has no result: the easy limit does not save the rule, which names the run
assert !new File(basedir, 'target/ssgan/labeled-10pct/seed-2/result.json').exists()
assert log.contains('FAIL rule 1, labeled-10pct, minimumAccuracy: mean accuracy: missing runs labeled-10pct/seed-2 (')
assert !log.contains('PASS rule 1')
// groovy-xml is not on the invoker's script classpath: the JDK's DOM
def parseXml = { File f -> javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f).documentElement }
def suite = parseXml(new File(basedir, 'target/ssgan-check/TEST-ssgan-check.xml'))
assert suite.getAttribute('tests') == '1' && suite.getAttribute('failures') == '1'
def failure = suite.getElementsByTagName('failure').item(0)
assert failure.getAttribute('message').contains('missing runs labeled-10pct/seed-2')
assert failure.getAttribute('type') == 'ssgan.check'
def md = new File(basedir, 'target/ssgan-check/summary.md').text
assert md.startsWith('## ssgan check: FAILED')
assert md.contains("| labeled-10pct | 60 (10.00 %) | 1 / 2 | ${pct(first)} (1 seed) |")
assert new File(basedir, 'target/step-summary.md').text.count('## ssgan check: FAILED') == 2
println "check-fail: failed on the limit (mean ${mean} %) and on the missing run"
return true
