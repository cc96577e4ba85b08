<!-- Copyright 1999-2016. Parallels IP Holdings GmbH. -->
<reseller>
    <switch-subscription>
        <filter>
            <id><?php echo $id; ?></id>
        </filter>
        <plan-guid><?php echo $planGuid; ?></plan-guid>
    </switch-subscription>
</reseller>
