import groovy.json.JsonSlurper

def out = new File(basedir, 'target/ssgan')
def log = new File(basedir, 'build.log').text

// without -Djavacpp.platform, the training JVM gets this host's native binaries, resolved by the plugin
assert log =~ /ND4J natives for (linux|macosx|windows)-\w+: nd4j-native-\S+, openblas-\S+, javacpp-\S+/

// Accuracy floors a broken model cannot reach (chance is 0.10), well below what the two epochs on 600 images reach:
// measured 0.5867 and 0.5700 (labeled-10pct seeds 1, 2) and 0.4133 (labels-10) with algorithm /2, 0.6233, 0.6500 and
// 0.4000 with /3, 2 threads, on 300 test images.
def runs = [['labeled-10pct', 1, 60, 0.40], ['labeled-10pct', 2, 60, 0.40], ['labels-10', 1, 10, 0.25]]
runs.each { id, seed, labeled, floor ->
    def dir = new File(out, "${id}/seed-${seed}")
    def csv = new File(dir, 'metrics.csv').readLines()
    assert csv[0] == 'epoch,loss_labeled,loss_unlabeled,loss_generator,train_accuracy,test_accuracy,seconds'
    assert csv.size() == 3 : "two epochs in ${dir}"
    assert csv[1].startsWith('1,') && csv[2].startsWith('2,')

    def result = new JsonSlurper().parse(new File(dir, 'result.json'))
    assert result.experiment == id && result.seed == seed && result.epochs == 2
    assert result.labeledCount == labeled
    assert result.testAccuracy >= floor && result.testAccuracy <= 1 : "${id}/seed-${seed} learned too little: ${result.testAccuracy}"
    assert result.testAccuracy == result.history[-1].testAccuracy : 'the headline is the final epoch'
    assert result.history.size() == 2
    assert result.configHash ==~ /[0-9a-f]{64}/
    assert result.dataset.sha256['train-images-idx3-ubyte'] == 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db'
    assert result.dataset.trainImages == 600 && result.dataset.testImages == 300
    assert result.provenance.dl4j == '1.0.0-M2.1' && result.provenance.threads == 2 && result.provenance.cpu
    assert result.config.trainLimit == 600 && result.config.seed == seed

    assert new File(dir, 'samples/epoch-0001.png').length() > 0
    assert new File(dir, 'samples/epoch-0002.png').length() > 0
    assert new File(dir, 'model.zip').length() > 0
}
assert new JsonSlurper().parse(new File(out, 'labels-10/seed-1/result.json')).config.generatorLoss == 'combined'

// each run's supervised baseline (on by default): same labels and iterations, L_sup alone, no samples
runs.each { id, seed, labeled, floor ->
    def dir = new File(out, "${id}/supervised-seed-${seed}")
    def result = new JsonSlurper().parse(new File(dir, 'result.json'))
    def gan = new JsonSlurper().parse(new File(out, "${id}/seed-${seed}/result.json"))
    assert result.config.objective == 'supervised' && gan.config.objective == null
    assert result.labeledCount == labeled && result.epochs == 2
    assert result.history.every { it.lossUnlabeled == 0 && it.lossGenerator == 0 }
    assert new File(dir, 'model.zip').length() > 0 && new File(dir, 'confusion.csv').isFile()
    assert !new File(dir, 'samples').exists()
    assert new File(out, "${id}/seed-${seed}/confusion.csv").readLines().size() == 11
}

// progress lines, the summary table, and the second invocation skipping everything
assert log =~ /\[labeled-10pct\/seed-1\] epoch 2\/2 .* test \d+\.\d\d% .* s\/epoch +ETA/
assert log =~ /labeled-10pct +60 +2 +1,2 +\d+\.\d\d % ± \d+\.\d\d +\d+\.\d\d % ± \d+\.\d\d/
// the second invocation decides in Maven's JVM that all is up to date and starts no training JVM
def second = log.substring(log.lastIndexOf('Building train-quick'))
assert second.contains('[labels-10/seed-1] up to date')
assert second.contains('[labels-10/supervised-seed-1] up to date')
assert second.contains('Nothing to train: all 6 run(s) up to date; the training JVM is not started')
assert second =~ /labeled-10pct +60 +2 +1,2 +\d+\.\d\d % ± \d+\.\d\d/
// train writes results only; the page is ssgan:report's
assert !new File(basedir, 'target/site/ssgan/index.html').exists()
return true
