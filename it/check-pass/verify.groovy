import groovy.json.JsonSlurper

// the check's numbers are the result files' (one rounding rule: two decimals, percent), its files are well-formed
def pct = { double a -> String.format(Locale.ROOT, '%.2f %%', 100 * a) }
def log = new File(basedir, 'build.log').text
def slurper = new JsonSlurper()
def accuracies = { String id, String prefix -> [1, 2].collect { seed ->
    slurper.parse(new File(basedir, "target/ssgan/${id}/${prefix}${seed}/result.json")).testAccuracy as double } }
def mean = { List<Double> xs -> xs.sum() / xs.size() }
def std = { List<Double> xs -> double m = mean(xs); Math.sqrt(xs.collect { (it - m) * (it - m) }.sum() / (xs.size() - 1)) }

def ten = accuracies('labeled-10pct', 'seed-')
def all = accuracies('labeled-100pct', 'seed-')
def supervised = accuracies('labeled-10pct', 'supervised-seed-')

// one log line per limit: value, limit, PASS
assert log.contains("PASS rule 1, labeled-10pct, minimumAccuracy: mean accuracy ${pct(mean(ten))} >= 30.00 %")
assert log.contains("PASS rule 1, labeled-10pct, maximumStd: accuracy std ${String.format(Locale.ROOT, '%.2f', 100 * std(ten))} pp <= 20.00 pp")
assert log.contains("PASS rule 2, labeled-100pct, maximumGap: mean gap to labeled-10pct ")
assert log =~ /PASS rule 3, labeled-10pct, minimumGainOverSupervised: gain over supervised [+-]\d+\.\d\d pp \(\d+\.\d\d % vs \d+\.\d\d %; 95 % lower bound [+-]\d+\.\d\d pp\) >= -100\.00 pp/
assert log.contains('ssgan:check: 4 check(s) of 3 rule(s), 4 passed, 0 failed')
assert !log.contains('FAIL rule')

// JUnit XML in Surefire's format, one test case per limit
// groovy-xml is not on the invoker's script classpath: the JDK's DOM
def parseXml = { File f -> javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f).documentElement }
def suite = parseXml(new File(basedir, 'target/ssgan-check/TEST-ssgan-check.xml'))
assert suite.tagName == 'testsuite' && suite.getAttribute('name') == 'ssgan.check'
assert suite.getAttribute('tests') == '4' && suite.getAttribute('failures') == '0' && suite.getAttribute('errors') == '0'
def cases = suite.getElementsByTagName('testcase')
assert cases.length == 4
assert (0..<4).collect { cases.item(it).getAttribute('classname') } == ['ssgan.check.labeled-10pct',
        'ssgan.check.labeled-10pct', 'ssgan.check.labeled-100pct', 'ssgan.check.labeled-10pct']
assert cases.item(0).getAttribute('name') == 'rule 1: mean accuracy >= 30.00 %'
assert cases.item(3).getAttribute('name') == 'rule 3: gain over supervised >= -100.00 pp at 95 % confidence'
assert suite.getElementsByTagName('failure').length == 0

// the Markdown summary: experiments with mean ± std and the supervised baseline, the rules with their verdicts
def md = new File(basedir, 'target/ssgan-check/summary.md').text
assert md.startsWith('## ssgan check: passed')
def cell = { List<Double> xs -> "${pct(mean(xs))} ± ${String.format(Locale.ROOT, '%.2f', 100 * std(xs))}" }
assert md.contains("| labeled-10pct | 60 (10.00 %) | 2 / 2 | ${cell(ten)} |")
assert md.contains("| labeled-100pct | 600 (100.00 %) | 2 / 2 | ${cell(all)} |")
assert md.contains("| ${cell(supervised)} |")
assert md.count('✅ pass') == 4

// appended to the job summary, after what an earlier step wrote
def job = new File(basedir, 'step-summary.md').getText('UTF-8')
assert job.startsWith('# an earlier step\n## ssgan check: passed') : job
println "check-pass: 4 checks passed, ${ten.size() + all.size()} runs read"
return true
