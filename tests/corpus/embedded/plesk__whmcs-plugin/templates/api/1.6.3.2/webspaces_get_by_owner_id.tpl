<!-- Copyright 1999-2016. Parallels IP Holdings GmbH. -->
<webspace>
    <get>
        <filter>
            <owner-id><?php echo $ownerId; ?></owner-id>
        </filter>
        <dataset>
            <hosting/>
        </dataset>
    </get>
</webspace>
