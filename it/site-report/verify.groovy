import groovy.json.JsonSlurper

// every number on the page equals the one in the result files, with one rounding rule (two decimals, percent)
def pct = { double a -> String.format(Locale.ROOT, '%.2f %%', 100 * a) }
def decode = { String html -> html.replaceAll(/&#x([0-9a-fA-F]+);/) { all, hex -> new String(Character.toChars(Integer.parseInt(hex, 16))) } }

def site = new File(basedir, 'target/site')
def reports = new File(site, 'project-reports.html')
assert reports.isFile() : 'mvn site wrote no Project Reports page'
assert reports.text.contains('href="ssgan/index.html"') : 'Project Reports does not link the ssgan report'

def pageFile = new File(site, 'ssgan/index.html')
def page = decode(pageFile.text)
// a page truncated by a Doxia mismatch ends early: the last section and the site's footer must be there
assert page.contains('<h2>Reproduce</h2>') : 'the report page is truncated'
assert page.contains('</html>')

def slurper = new JsonSlurper()
def byExperiment = [:].withDefault { [] }
['labeled-10pct', 'labeled-100pct'].each { id ->
    [1, 2].each { seed ->
        def result = slurper.parse(new File(basedir, "target/ssgan/${id}/seed-${seed}/result.json"))
        byExperiment[id] << (result.testAccuracy as double)
        assert page.contains("<td>${pct(result.testAccuracy as double)}</td>") : "run ${id}/${seed}: ${pct(result.testAccuracy as double)} not on the page"
        assert page.contains(result.configHash.substring(0, 12))
        assert new File(site, "ssgan/runs/${id}/seed-${seed}/result.json").isFile()
    }
}
// the supervised baselines (on by default) and the GAN's gain over them
['labeled-10pct', 'labeled-100pct'].each { id ->
    def accs = [1, 2].collect { seed -> slurper.parse(new File(basedir, "target/ssgan/${id}/supervised-seed-${seed}/result.json")).testAccuracy as double }
    double mean = accs.sum() / accs.size()
    double std = Math.sqrt(accs.collect { (it - mean) * (it - mean) }.sum() / (accs.size() - 1))
    def cell = String.format(Locale.ROOT, '%.2f %% ± %.2f', 100 * mean, 100 * std)
    assert page.contains(cell) : "${id}: baseline ${cell} not on the page"
}
assert page.contains('<h2>Confusion matrices</h2>')
// the ablation against labeled-10pct (<reporting>): labeled-100pct differs in its labeled fraction alone
assert page.contains('<h2>Ablation</h2>') : 'no Ablation section, although <reporting> sets ablationReference'
def ablation = page.substring(page.indexOf('<h2>Ablation</h2>'), page.indexOf('<h2>Runs</h2>'))
assert ablation.contains('<td>labeledFraction 1.0</td>') : "the ablation row does not name the changed setting: ${ablation}"
assert ablation.contains('<td>1, 2</td>')
byExperiment.each { id, accs ->
    double mean = accs.sum() / accs.size()
    double std = Math.sqrt(accs.collect { (it - mean) * (it - mean) }.sum() / (accs.size() - 1))
    def cell = String.format(Locale.ROOT, '%.2f %% ± %.2f', 100 * mean, 100 * std)
    assert page.contains(cell) : "${id}: mean ± std ${cell} not on the page"
}

// every image the page references exists and is a PNG
def images = (page =~ /<img src="([^"]+)"/).collect { it[1] }
assert images.size() >= 1 + 2 + 2 * 2 : "expected the accuracy chart, two loss charts and sample sheets, found ${images}"
images.each { src ->
    def f = new File(pageFile.parentFile, src)
    assert f.isFile() && f.length() > 0 : "the page references ${src}, which does not exist"
    assert f.bytes[1..3] == 'PNG'.bytes : "${src} is not a PNG"
}
println "site-report: ${images.size()} images, ${byExperiment.values().flatten().size()} runs checked on ${pageFile}"
return true
