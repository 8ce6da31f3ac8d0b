import groovy.json.JsonSlurper

def target = new File(basedir, 'target')
def slurper = new JsonSlurper()
def log = new File(basedir, 'build.log').text
// one section per invocation, in the order of invoker.properties
def sections = log.split(/(?m)^.*Building shards 1\.0.*$/).drop(1) as List
assert sections.size() == 7 : "expected 7 invocations in build.log, found ${sections.size()}"

def grid = ['labeled-10pct', 'labels-10'].collectMany { id -> [1, 2].collect { seed -> "${id}/seed-${seed}".toString() } }
def runsIn = { File out -> grid.findAll { new File(out, "${it}/result.json").isFile() } }

// each shard trained a disjoint share (equal costs: seed 1 of both experiments on shard 1, seed 2 on shard 2) and
// said so first
def shard1 = runsIn(new File(target, 'shard-1'))
def shard2 = runsIn(new File(target, 'shard-2'))
assert shard1 == ['labeled-10pct/seed-1', 'labels-10/seed-1']
assert shard2 == ['labeled-10pct/seed-2', 'labels-10/seed-2']
assert sections[0].contains('shard 1/2: 2 of 4 runs (labeled-10pct/seed-1, labels-10/seed-1), 50 % of the cost')
assert sections[1].contains('shard 2/2: 2 of 4 runs (labeled-10pct/seed-2, labels-10/seed-2), 50 % of the cost')
[sections[0], sections[1]].each { s -> assert !(s =~ /\[[^\]]+\] epoch 1\/2/).collect().isEmpty() }
assert !sections[0].contains('[labeled-10pct/seed-2]') && !sections[1].contains('[labeled-10pct/seed-1]')
// every shard's suite.json declares the whole grid and its shard
[1, 2].each { i ->
    def suite = slurper.parse(new File(target, "shard-${i}/suite.json"))
    assert suite.shard == "${i}/2".toString()
    assert suite.experiments*.id == ['labeled-10pct', 'labels-10']
    assert suite.experiments.every { it.seeds == [1, 2] }
}
assert runsIn(new File(target, 'ssgan-whole')) == grid

// the merge equals the unsharded run, number for number (all but the seconds)
def merged = new File(target, 'ssgan-merged')
def withoutSeconds = { File csv -> csv.readLines()*.replaceFirst(/,[^,]*$/, '') }
grid.each { run ->
    def whole = new File(target, "ssgan-whole/${run}")
    def copy = new File(merged, run)
    def a = slurper.parse(new File(whole, 'result.json'))
    def b = slurper.parse(new File(copy, 'result.json'))
    assert b.testAccuracy == a.testAccuracy : "${run}: ${b.testAccuracy} merged, ${a.testAccuracy} unsharded"
    assert b.configHash == a.configHash
    assert b.history.collect { it.findAll { k, v -> k != 'seconds' } } == a.history.collect { it.findAll { k, v -> k != 'seconds' } }
    assert withoutSeconds(new File(copy, 'metrics.csv')) == withoutSeconds(new File(whole, 'metrics.csv'))
    assert withoutSeconds(new File(copy, 'metrics.csv')).size() == 3
    // the checkpoint comes along (a later train with more epochs resumes from it); the shard's lock does not
    assert new File(copy, 'checkpoint.zip').length() == new File(target, (shard1.contains(run) ? 'shard-1/' : 'shard-2/') + run + '/checkpoint.zip').length()
    assert new File(copy, 'model.zip').isFile() && new File(copy, 'samples/epoch-0002.png').isFile()
}
def mergedSuite = slurper.parse(new File(merged, 'suite.json'))
assert mergedSuite.shard == '1/1' && mergedSuite.experiments*.id == ['labeled-10pct', 'labels-10']
assert sections[3].contains('aggregate: 4 run(s) copied, 0 already in')
assert sections[3].contains('aggregate: all 4 declared run(s) are here')

// shard 1 alone: the merge and the report name the runs shard 2 owes
assert runsIn(new File(target, 'partial')) == shard1
assert sections[4].contains('[WARNING] aggregate: 2 of 4 declared run(s) missing: labeled-10pct/seed-2, labels-10/seed-2')
// ssgan:report alone writes into the site directory, as mvn site does
def pageFile = new File(target, 'site/ssgan/index.html')
assert pageFile.isFile() : 'ssgan:report alone wrote no target/site/ssgan/index.html'
def page = pageFile.text
assert page.contains('<h2>Missing runs</h2>')
assert page.contains('labeled-10pct: seed 2') && page.contains('labels-10: seed 2')
// the check over shard 1 alone fails on the runs shard 2 owes, not on accuracy
assert sections[6].contains('labeled-10pct/seed-2') && sections[6].contains('missing runs')
assert sections[6].contains('BUILD FAILURE')
println "shards: ${shard1} + ${shard2} merged equal the unsharded grid"
return true
